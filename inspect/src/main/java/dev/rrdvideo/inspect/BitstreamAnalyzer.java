package dev.rrdvideo.inspect;

import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.media.bitstream.SampleInspector;
import java.nio.ByteBuffer;

/**
 * The standard {@link SampleAnalyzer}: parses each sample with {@link SampleInspector} (keyframe by
 * the viewer's rules, frame type, NAL/OBU types, frame count, parameter sets, Annex B framing,
 * coded size). Keeps one grow-only copy buffer. Not thread-safe.
 *
 * <p>Reading a sample can need state from earlier samples of the same stream: an AV1 frame header
 * is read with the stream's sequence header, an H.265 slice header with its picture parameter set.
 * That state is per stream: use one instance per stream ({@code ScanOptions} takes {@code
 * BitstreamAnalyzer::new}, and the scanners make one for every entity, track or file). Until a
 * stream has shown the state a frame header needs, what depends on it is reported as unknown rather
 * than read with a guess: AV1 frame type and frame count before the first sequence header, H.265
 * frame type before the first picture parameter set.
 *
 * <p>The picture size is the last one the stream's parameters gave (SPS, sequence header, key frame
 * header), carried forward to every later sample until the next: a size holds for the samples after
 * it just as a decoder uses it for them. Samples before the first size have none.
 */
public final class BitstreamAnalyzer implements SampleAnalyzer {
  private static final int HEVC_PPS = 34;

  private final SampleInspector inspector = new SampleInspector();
  private boolean av1SequenceSeen;
  private boolean hevcPpsSeen;
  private byte[] buf = new byte[0]; // grown on the first sample that needs a copy
  private int width = -1;
  private int height = -1;

  @Override
  public void analyze(VideoCodec codec, ByteBuffer sample, Result result) {
    int n = sample.remaining();
    byte[] b;
    int off;
    if (sample.hasArray()) {
      b = sample.array();
      off = sample.arrayOffset() + sample.position();
    } else {
      if (buf.length < n) {
        buf = new byte[Math.max(n, buf.length * 2)];
      }
      sample.duplicate().get(buf, 0, n);
      b = buf;
      off = 0;
    }
    if (n == 0) {
      if (width > 0) {
        result.size(width, height);
      }
      return;
    }
    inspector.inspect(codec, b, off, n);
    String types = inspector.unitTypes();
    if (codec == VideoCodec.AV1 && inspector.parameterSets()) {
      av1SequenceSeen = true;
    } else if (codec == VideoCodec.H265 && hasType(types, HEVC_PPS)) {
      hevcPpsSeen = true;
    }
    boolean frameHeadersReadable =
        switch (codec) {
          case AV1 -> av1SequenceSeen;
          case H265 -> hevcPpsSeen;
          default -> true;
        };
    result.keyframe(inspector.keyframe());
    result.randomAccess(inspector.randomAccess());
    if (frameHeadersReadable && inspector.frameType() != null) {
      result.frameType(inspector.frameType());
    }
    if (types != null) {
      result.unitTypes(types);
    }
    if (codec != VideoCodec.AV1 || av1SequenceSeen) {
      result.frameCount(inspector.frameCount());
    }
    result.parameterSets(inspector.parameterSets());
    if (codec == VideoCodec.H264 || codec == VideoCodec.H265) {
      result.annexB(inspector.annexB());
    }
    if (inspector.width() > 0) {
      width = inspector.width();
      height = inspector.height();
    }
    if (width > 0) {
      result.size(width, height);
    }
  }

  /**
   * Takes the state the samples before left behind: their parameter sets (read as if they were one
   * sample, so that later frame headers are read with them) and the last picture size.
   */
  @Override
  public void resume(StreamContext before) {
    if (!before.analyzed()) {
      return;
    }
    byte[] sets = before.parameterSetSample();
    VideoCodec codec = before.codec();
    if (codec != null && sets.length > 0) {
      inspector.inspect(codec, sets, 0, sets.length);
      if (codec == VideoCodec.AV1 && inspector.parameterSets()) {
        av1SequenceSeen = true;
      } else if (codec == VideoCodec.H265 && hasType(inspector.unitTypes(), HEVC_PPS)) {
        hevcPpsSeen = true;
      }
    }
    width = before.width();
    height = before.height();
  }

  /** Whether the comma-separated decimal list {@code types} holds {@code type}. No allocation. */
  static boolean hasType(String types, int type) {
    if (types == null) {
      return false;
    }
    int v = 0;
    int digits = 0;
    boolean number = true;
    for (int i = 0; i <= types.length(); i++) {
      char c = i < types.length() ? types.charAt(i) : ',';
      if (c == ',') {
        if (number && digits > 0 && v == type) {
          return true;
        }
        v = 0;
        digits = 0;
        number = true;
      } else if (c >= '0' && c <= '9' && digits < 6) {
        v = v * 10 + (c - '0');
        digits++;
      } else {
        number = false;
      }
    }
    return false;
  }
}
