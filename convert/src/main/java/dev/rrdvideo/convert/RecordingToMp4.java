package dev.rrdvideo.convert;

import dev.rrdvideo.format.ChunkIndexEntry;
import dev.rrdvideo.format.RrdFile;
import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.error.UnsupportedFeatureException;
import dev.rrdvideo.format.video.AssetVideoChunk;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.io.VideoStreamReader;
import dev.rrdvideo.media.MediaLimits;
import dev.rrdvideo.media.SampleTable;
import dev.rrdvideo.media.Timescale;
import dev.rrdvideo.media.bitstream.AnnexB;
import dev.rrdvideo.media.framing.InBandConfig;
import dev.rrdvideo.media.mp4.Mp4Muxer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Exports video from a recording to an MP4, without re-encoding.
 *
 * <p>An {@code AssetVideo} entity is written out as its blob, byte for byte. A {@code VideoStream}
 * entity becomes a progressive MP4 (moov first, {@link Mp4Muxer}): the sample entry and its {@code
 * avcC}/{@code hvcC}/{@code av1C}/{@code vpcC} are rebuilt from the first keyframe's in-band
 * parameter sets / sequence header / frame header; H.264/H.265 samples go from Annex B to 4-byte
 * length prefixes, dropping the parameter-set NAL units when every keyframe repeats the same ones
 * ({@code avc1}/{@code hvc1}; otherwise they stay in-band and the entry is {@code avc3}/{@code
 * hev1}); sync samples come from the bitstream (the viewer's keyframe rules); decode time equals
 * presentation time (a {@code VideoStream} has no B-frames). Times are written in a timescale that
 * represents every sample time exactly: the source MP4's when the recording says which it was
 * (rrdvideo's {@code rrdvideo:source_timescale} hint), else the first of 90000, 30000, 24000,
 * 15360, 12800, 1000, 600 that does, else nanoseconds. A first time other than 0 becomes an edit
 * list. Memory: the sample table plus one chunk.
 */
final class RecordingToMp4 {
  /** Schema metadata key (on the codec chunk) naming the source MP4 track timescale. */
  static final String HINT_TIMESCALE = "rrdvideo:source_timescale";

  /** Schema metadata key (on the codec chunk): the source's last sample duration in its ticks. */
  static final String HINT_LAST_DURATION = "rrdvideo:source_last_duration";

  private static final long[] CANDIDATE_TIMESCALES = {
    90000, 30000, 24000, 15360, 12800, 1000, 600, 1_000_000, 1_000_000_000
  };

  private RecordingToMp4() {}

  /**
   * Exports one entity of {@code rrd} to {@code out} (not closed): the options' entity, or the
   * first video entity ({@code AssetVideo} first); a {@code VideoStream} on the options' timeline,
   * or the one its samples are on; a sequence timeline at the options' frame rate.
   */
  static ConvertedVideo convert(Path rrd, OutputStream out, ConvertOptions o) throws IOException {
    try (RrdFile file = RrdFile.open(rrd, o.readOptions())) {
      EntityPath target = o.entity().orElse(null);
      // An AssetVideo entity: the blob is the MP4.
      for (ChunkIndexEntry e : file.chunks()) {
        if (target != null && !e.entityPath().equals(target)) {
          continue;
        }
        try (Chunk c = file.readChunk(e)) {
          AssetVideoChunk a = AssetVideoChunk.of(c);
          if (a != null && a.blobSize(0) >= 0) {
            ByteBuffer blob = a.blob(0);
            Channels.newChannel(out).write(blob.duplicate());
            out.flush();
            // written byte for byte, as asked: nothing to warn about (no codec: the MP4 was not
            // demuxed)
            return new ConvertedVideo(c.entityPath(), Optional.empty(), 1, 0, 0, 0, List.of());
          }
        }
      }
      if (target == null) {
        List<EntityPath> videos = VideoStreamReader.videoStreamEntities(file);
        if (videos.isEmpty()) {
          throw new UnsupportedFeatureException(
              "no VideoStream or AssetVideo entity", file.sourceName(), -1);
        }
        target = videos.get(0);
      }
      try (VideoStreamReader r = VideoStreamReader.open(file, target, o.timeline().orElse(null))) {
        return stream(r, o.fps(), out);
      }
    }
  }

  /** Muxes the samples of an open reader (from its current start) into an MP4 on {@code out}. */
  static ConvertedVideo stream(VideoStreamReader r, double sequenceFps, OutputStream out)
      throws IOException {
    return mux(r, VideoStreamTable.read(r, sequenceFps), out);
  }

  /**
   * Muxes a {@code VideoStream} read into {@code v} into an MP4 on {@code out}, reading the
   * payloads from {@code r} again (rewound).
   */
  static ConvertedVideo mux(VideoStreamReader r, VideoStreamTable stream, OutputStream out)
      throws IOException {
    VideoCodec codec = r.codec();
    boolean h26x = codec == VideoCodec.H264 || codec == VideoCodec.H265;
    AnnexB.Cursor cursor = new AnnexB.Cursor();
    SampleTable samples = stream.table();
    InBandConfig cfg = stream.config();
    int n = samples.size();
    if (n == 0) {
      throw new UnsupportedFeatureException("entity " + r.entity() + " has no samples", null, -1);
    }
    if (cfg == null) {
      throw new UnsupportedFeatureException(
          "entity "
              + r.entity()
              + ": no keyframe carries the parameter sets / sequence header"
              + " an MP4 sample entry needs",
          null,
          -1);
    }
    // Timing.
    List<ConvertWarning> warnings = new ArrayList<>();
    Timescale ts;
    long[] ticks = new long[n];
    if (stream.sequence()) {
      ts = samples.timescale();
      for (int i = 0; i < n; i++) {
        ticks[i] = samples.ptsTicks(i);
      }
      warnings.add(
          new ConvertWarning(
              ConvertWarning.Kind.SEQUENCE_TIMELINE_FPS_ASSUMED,
              "sequence timeline: frames numbered as at " + stream.sequenceFps() + " fps"));
    } else {
      ts = chooseTimescale(samples, r.codecChunkMetadata().get(HINT_TIMESCALE));
      for (int i = 0; i < n; i++) {
        ticks[i] = ts.fromNanos(samples.ptsTicks(i));
      }
    }
    for (int i = 1; i < n; i++) {
      if (ticks[i] <= ticks[i - 1]) { // distinct times that round to one tick of the timescale
        throw new UnsupportedFeatureException(
            "samples "
                + (i - 1)
                + " and "
                + i
                + " of "
                + r.entity()
                + " have the same time in the MP4 timescale "
                + ts.ticksPerSecond()
                + " ("
                + stream.time(i - 1)
                + " and "
                + stream.time(i)
                + "); an MP4 needs increasing decode times",
            null,
            -1);
      }
    }
    long lastDuration = n > 1 ? ticks[n - 1] - ticks[n - 2] : Math.max(1, ts.ticksPerSecond() / 30);
    String hint = r.codecChunkMetadata().get(HINT_LAST_DURATION);
    if (hint != null
        && Long.toString(ts.ticksPerSecond()).equals(r.codecChunkMetadata().get(HINT_TIMESCALE))) {
      long v;
      try {
        v = Long.parseLong(hint);
      } catch (NumberFormatException e) {
        v = -1;
      }
      if (v >= 0 && v <= 0xFFFF_FFFFL) { // an MP4 sample duration is 32 bits
        lastDuration = Math.max(1, v);
      } else {
        warnings.add(
            new ConvertWarning(
                ConvertWarning.Kind.MALFORMED_HINT_IGNORED,
                "ignored a malformed " + HINT_LAST_DURATION + " hint"));
      }
    }
    boolean strip = h26x && !stream.parameterSetsVary();
    int[] sizes = strip ? stream.withoutParameterSetsSizes() : stream.lengthPrefixedSizes();
    SampleTable.Builder tb = SampleTable.builder(ts, codec);
    for (int i = 0; i < n; i++) {
      tb.add(ticks[i], ticks[i], 0, sizes[i], -1, samples.isKeyframe(i));
    }
    SampleTable table = tb.buildWithDurationsToNext(lastDuration);
    if (cfg.width() < 1 || cfg.width() > 0xFFFF || cfg.height() < 1 || cfg.height() > 0xFFFF) {
      throw new UnsupportedFeatureException(
          "entity "
              + r.entity()
              + ": the coded size "
              + cfg.width()
              + "x"
              + cfg.height()
              + " does not fit an MP4 sample entry (1..65535 each)",
          null,
          -1);
    }
    Mp4Muxer.Builder mb = Mp4Muxer.builder(cfg.config(), cfg.width(), cfg.height());
    if (h26x && !strip) {
      mb.sampleEntryType(codec == VideoCodec.H264 ? "avc3" : "hev1");
      warnings.add(
          new ConvertWarning(
              ConvertWarning.Kind.PARAMETER_SETS_KEPT_IN_BAND,
              "parameter sets change between keyframes: kept in-band (sample entry "
                  + (codec == VideoCodec.H264 ? "avc3" : "hev1")
                  + ")"));
    }
    // Pass 2: payloads.
    r.rewind();
    final boolean stripFinal = strip;
    final byte[][] scratch = {new byte[1 << 16]};
    mb.build()
        .write(
            table,
            (index, dst) -> {
              if (!r.next()) {
                throw new IOException(
                    "recording changed while exporting: sample " + index + " missing");
              }
              int len = r.sampleSize();
              if (!h26x) {
                r.sample().get(dst, 0, len);
                return len;
              }
              if (scratch[0].length < len) {
                scratch[0] = new byte[Math.max(len, scratch[0].length * 2)];
              }
              byte[] s = scratch[0];
              r.sample().get(s, 0, len);
              int p = 0;
              cursor.reset(s, 0, len);
              while (cursor.next()) {
                int nl = cursor.length();
                if (nl == 0 || (stripFinal && AnnexB.isParameterSet(codec, s, cursor.start()))) {
                  continue;
                }
                dst[p] = (byte) (nl >>> 24);
                dst[p + 1] = (byte) (nl >>> 16);
                dst[p + 2] = (byte) (nl >>> 8);
                dst[p + 3] = (byte) nl;
                System.arraycopy(s, cursor.start(), dst, p + 4, nl);
                p += 4 + nl;
              }
              return p;
            },
            out);
    return new ConvertedVideo(
        r.entity(),
        Optional.of(codec),
        n,
        samples.keyframeCount(),
        stream.time(0),
        stream.time(n - 1),
        warnings);
  }

  /**
   * Returns the current sample's time after checking it: strictly after the previous sample's
   * ({@code previous}, ignored for sample 0) and, in nanoseconds, within {@link
   * MediaLimits#MAX_ABS_TIME_NANOS} (frame numbers within a thousandth of it), so that every later
   * conversion and difference fits in a {@code long}.
   *
   * @throws UnsupportedFeatureException naming the entity and the sample otherwise
   */
  static long checkedTime(VideoStreamReader r, long sample, long previous)
      throws UnsupportedFeatureException {
    long t = r.time();
    boolean sequence = r.timeType() == TimeType.SEQUENCE;
    long max = sequence ? MediaLimits.MAX_ABS_TIME_NANOS / 1000 : MediaLimits.MAX_ABS_TIME_NANOS;
    if (t < -max || t > max) {
      throw new UnsupportedFeatureException(
          "sample "
              + sample
              + " of "
              + r.entity()
              + " on timeline '"
              + r.timeline()
              + "': time "
              + t
              + (sequence
                  ? " (frame number) is outside +-" + max
                  : " ns is outside " + MediaLimits.TIME_RANGE)
              + ", which cannot be exported",
          null,
          -1);
    }
    if (sample > 0 && t <= previous) {
      throw new UnsupportedFeatureException(
          "sample "
              + sample
              + " of "
              + r.entity()
              + " on timeline '"
              + r.timeline()
              + "': time "
              + t
              + " is not after the previous sample's "
              + previous
              + " (in file order); exporting needs strictly increasing sample times",
          null,
          -1);
    }
    return t;
  }

  /**
   * Returns a timescale in which every time of {@code nanos} (a table in nanoseconds) converts to
   * whole ticks and back exactly.
   */
  static Timescale chooseTimescale(SampleTable nanos, @Nullable String hint) {
    if (hint != null) {
      long v;
      try {
        v = Long.parseLong(hint);
      } catch (NumberFormatException e) {
        v = 0;
      }
      // an MP4 timescale is 32 bits; anything else is not a hint rrdvideo wrote
      if (v >= 1 && v <= 0xFFFF_FFFFL) {
        Timescale h = Timescale.of(v);
        if (roundTrips(h, nanos)) {
          return h;
        }
      }
    }
    for (long c : CANDIDATE_TIMESCALES) {
      Timescale t = Timescale.of(c);
      if (roundTrips(t, nanos)) {
        return t;
      }
    }
    return Timescale.NANOS;
  }

  /**
   * Returns whether every time (each within {@link MediaLimits#MAX_ABS_TIME_NANOS}) converts to
   * ticks within {@link MediaLimits#maxAbsTicks} and back exactly.
   */
  private static boolean roundTrips(Timescale t, SampleTable nanos) {
    for (int i = 0; i < nanos.size(); i++) {
      long ticks;
      try {
        ticks = t.fromNanos(nanos.ptsTicks(i));
      } catch (ArithmeticException e) {
        return false; // beyond 2^63 ticks of a fine timescale
      }
      if (!MediaLimits.ticksInRange(ticks, t) || t.toNanos(ticks) != nanos.ptsTicks(i)) {
        return false;
      }
    }
    return true;
  }
}
