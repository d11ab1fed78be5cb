package dev.rrdvideo.convert;

import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.error.UnsupportedFeatureException;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.io.VideoStreamReader;
import dev.rrdvideo.media.SampleTable;
import dev.rrdvideo.media.Timescale;
import dev.rrdvideo.media.bitstream.AnnexB;
import dev.rrdvideo.media.bitstream.SampleInspector;
import dev.rrdvideo.media.framing.InBandConfig;
import java.io.IOException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A {@code VideoStream} entity read once, from its reader's current position: its {@link
 * SampleTable} and what an MP4 sample entry needs of it.
 *
 * <p>The table: decode time = presentation time = the sample's time (a {@code VideoStream} has no
 * reordering), in nanoseconds on duration and timestamp timelines; on a sequence timeline frame
 * {@code n} is at {@code n * 1000} ticks of a timescale of {@code fps * 1000} (frames numbered as
 * at the given frame rate). Each duration runs to the next sample (the last one's is 0, unknown).
 * Sizes are the samples' as stored, offsets unknown (-1), keyframes the bitstream's (the viewer's
 * rules). Every time is checked ({@link RecordingToMp4#checkedTime}): strictly increasing and
 * within the supported range, so that conversions and differences fit in a {@code long}.
 *
 * @param table the samples
 * @param sequence whether the times are frame numbers (a sequence timeline)
 * @param sequenceFps the frame rate frame numbers are taken at
 * @param lengthPrefixedSizes each H.264/H.265 sample's size once its NAL units are length-prefixed
 *     (4 bytes), parameter sets kept; other codecs: the stored size
 * @param withoutParameterSetsSizes the same without the parameter-set NAL units
 * @param config the decoder configuration of the first keyframe that carries one, or null
 * @param parameterSetsVary whether H.264/H.265 keyframes carry different parameter sets
 */
record VideoStreamTable(
    SampleTable table,
    boolean sequence,
    double sequenceFps,
    int[] lengthPrefixedSizes,
    int[] withoutParameterSetsSizes,
    @Nullable InBandConfig config,
    boolean parameterSetsVary) {

  /** Frame-number ticks per frame on a sequence timeline. */
  static final long SEQUENCE_TICKS = 1000;

  /**
   * Reads the samples of {@code r} from its current position.
   *
   * @param sequenceFps the frame rate a sequence timeline's frame numbers are taken at
   * @throws UnsupportedFeatureException for a time out of order or out of range
   */
  static VideoStreamTable read(VideoStreamReader r, double sequenceFps) throws IOException {
    VideoCodec codec = r.codec();
    boolean h26x = codec == VideoCodec.H264 || codec == VideoCodec.H265;
    boolean sequence = r.timeType() == TimeType.SEQUENCE;
    SampleTable.Builder b =
        SampleTable.builder(
            sequence ? Timescale.of(Math.round(sequenceFps * 1000)) : Timescale.NANOS, codec);
    SampleInspector inspector = new SampleInspector();
    AnnexB.Cursor cursor = new AnnexB.Cursor();
    byte[] buf = new byte[1 << 16];
    int[] kept = new int[1024];
    int[] stripped = new int[1024];
    InBandConfig cfg = null;
    boolean vary = false;
    long previous = 0;
    int n = 0;
    while (r.next()) {
      int len = r.sampleSize();
      if (buf.length < len) {
        buf = new byte[Math.max(len, buf.length * 2)];
      }
      r.sample().get(buf, 0, len);
      if (n == kept.length) {
        kept = Arrays.copyOf(kept, n * 2);
        stripped = Arrays.copyOf(stripped, n * 2);
      }
      inspector.inspect(codec, buf, 0, len);
      boolean key = inspector.keyframe();
      long t = RecordingToMp4.checkedTime(r, n, previous);
      previous = t;
      long ticks = sequence ? t * SEQUENCE_TICKS : t; // |t| <= 4e15 on sequence timelines: checked
      b.add(ticks, ticks, 0, len, -1, key);
      if (key) {
        InBandConfig c = InBandConfig.fromKeyframe(codec, buf, 0, len);
        if (cfg == null) {
          cfg = c;
        } else if (h26x && c != null && !cfg.sameParameterSets(c)) {
          vary = true;
        }
      }
      if (h26x) {
        int all = 0;
        int slices = 0;
        cursor.reset(buf, 0, len);
        while (cursor.next()) {
          if (cursor.length() == 0) {
            continue;
          }
          all += 4 + cursor.length();
          if (!AnnexB.isParameterSet(codec, buf, cursor.start())) {
            slices += 4 + cursor.length();
          }
        }
        kept[n] = all;
        stripped[n] = slices;
      } else {
        kept[n] = len;
        stripped[n] = len;
      }
      n++;
    }
    return new VideoStreamTable(
        b.buildWithDurationsToNext(0),
        sequence,
        sequenceFps,
        Arrays.copyOf(kept, n),
        Arrays.copyOf(stripped, n),
        cfg,
        vary);
  }

  /** Returns sample {@code i}'s time on its timeline (ns, or the frame number). */
  long time(int i) {
    long t = table.ptsTicks(i);
    return sequence ? t / SEQUENCE_TICKS : t;
  }
}
