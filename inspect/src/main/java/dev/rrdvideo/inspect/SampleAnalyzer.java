package dev.rrdvideo.inspect;

import dev.rrdvideo.format.video.VideoCodec;
import java.nio.ByteBuffer;

/**
 * Looks inside one sample's bitstream and fills the bitstream columns of a row: {@code
 * keyframe_bitstream}, {@code frame_type}, {@code nal_types}, {@code width}, {@code height}.
 *
 * <p>An analyzer sees the samples of one stream only (entity, track or file), in decode order: the
 * scanners take a new one for every stream from {@link ScanOptions#analyzers()}, so an analyzer may
 * remember what it needs between samples (parameter sets, a sequence header) without ever applying
 * it to another stream.
 */
public interface SampleAnalyzer {
  /** Analyzes {@code sample} (its remaining bytes; the position is not changed). */
  void analyze(VideoCodec codec, ByteBuffer sample, Result result);

  /**
   * Continues a stream in its middle: called once, before the first sample, when a scan starts
   * after samples of the stream this analyzer did not see (a part of a large recording, {@link
   * RecordingParts}). {@code before} is what those samples left behind (a picture size, parameter
   * sets); an analyzer that remembers something between samples takes it from there. The default
   * does nothing.
   */
  default void resume(StreamContext before) {}

  /** Where an analyzer puts what it found; fields left alone stay absent. */
  final class Result {
    private final SampleRow row;

    Result(SampleRow row) {
      this.row = row;
    }

    /** Sets whether the sample is a keyframe by the viewer's rules. */
    public void keyframe(boolean keyframe) {
      row.keyframeBitstream = keyframe;
    }

    /** Sets the frame type. */
    public void frameType(dev.rrdvideo.media.bitstream.FrameType type) {
      row.frameType = type;
    }

    /** Sets the NAL unit / OBU types, comma-separated. */
    public void unitTypes(String types) {
      row.nalTypes = types;
    }

    /** Sets how many frames (pictures, temporal units' shown frames) the sample holds. */
    public void frameCount(int frames) {
      row.frameCount = frames;
    }

    /** Sets whether the sample holds a random-access picture (IDR, IRAP, key frame). */
    public void randomAccess(boolean randomAccess) {
      row.randomAccess = randomAccess;
    }

    /** Sets whether an H.264/H.265 sample is Annex B framed. */
    public void annexB(boolean annexB) {
      row.annexB = annexB;
    }

    /** Sets whether the sample carries all parameter sets / the sequence header. */
    public void parameterSets(boolean present) {
      row.parameterSets = present;
    }

    /** Sets the coded size. */
    public void size(int width, int height) {
      row.width = width;
      row.height = height;
    }
  }

  /** An analyzer that finds nothing (bitstream columns stay absent). */
  SampleAnalyzer NONE = (codec, sample, result) -> {};
}
