package dev.rrdvideo.convert;

import dev.rrdvideo.format.RrdFile;
import dev.rrdvideo.format.RrdWriter;
import dev.rrdvideo.format.StoreId;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.error.UnsupportedFeatureException;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.io.VideoStreamReader;
import dev.rrdvideo.format.video.io.VideoStreamWriter;
import dev.rrdvideo.media.BitstreamException;
import dev.rrdvideo.media.MediaKind;
import dev.rrdvideo.media.MediaLimits;
import dev.rrdvideo.media.Timescale;
import dev.rrdvideo.media.bitstream.AccessUnitReader;
import dev.rrdvideo.media.bitstream.IvfHeader;
import dev.rrdvideo.media.bitstream.IvfReader;
import dev.rrdvideo.media.bitstream.IvfWriter;
import dev.rrdvideo.media.bitstream.PictureOrder;
import dev.rrdvideo.media.bitstream.SampleInspector;
import dev.rrdvideo.media.framing.InBandConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Raw elementary streams to and from {@code VideoStream} recordings: Annex B H.264/H.265 ({@code
 * .h264}, {@code .h265}), AV1 low-overhead OBU streams ({@code .obu}) and IVF files (VP8, VP9,
 * AV1).
 *
 * <p>Import splits the stream into one sample per access unit / temporal unit / IVF frame ({@link
 * AccessUnitReader}, {@link IvfReader}) and keeps the bytes exactly, so an export concatenates them
 * back to the same file. Keyframes are detected in the bitstream. Times: IVF frames carry their own
 * (converted exactly to ns); raw streams have none, so they come from {@link Timing}: a constant
 * frame rate or an explicit list. Streaming: memory holds one unit (plus one GOP in the writer).
 */
final class ElementaryStreams {
  /**
   * Sample times for streams that have none: a constant frame rate, or one time per sample (ns,
   * validated by {@link ConvertOptions.Builder#timestampsNanos}).
   */
  record Timing(double fps, long @Nullable [] timestampsNanos) {
    static Timing of(ConvertOptions o) {
      return new Timing(o.fps(), o.timestampsOrNull());
    }

    long nanos(int i) throws UnsupportedFeatureException {
      if (timestampsNanos != null) {
        if (i >= timestampsNanos.length) {
          throw new UnsupportedFeatureException(
              "the timestamps list has "
                  + timestampsNanos.length
                  + " entries but the stream has"
                  + " more samples",
              null,
              -1);
        }
        return timestampsNanos[i];
      }
      double t = Math.rint(i * 1e9 / fps);
      if (!(t <= MediaLimits.MAX_ABS_TIME_NANOS)) {
        throw new UnsupportedFeatureException(
            "frame " + i + " at " + fps + " fps lies beyond " + MediaLimits.TIME_RANGE, null, -1);
      }
      return Math.round(i * 1e9 / fps);
    }
  }

  /** Schema metadata keys (codec chunk) recording an IVF source's header for a faithful export. */
  static final String HINT_IVF_HEADER = "rrdvideo:source_ivf";

  private ElementaryStreams() {}

  /**
   * Imports a raw stream as a new recording written to {@code out} (not closed).
   *
   * @param kind the stream's kind: {@link MediaKind#ANNEXB_H264}, {@link MediaKind#ANNEXB_H265},
   *     {@link MediaKind#OBU} (AV1) or {@link MediaKind#IVF} (whose header names the codec)
   */
  static ConvertedVideo toRecording(
      InputStream in, String sourceName, MediaKind kind, OutputStream out, ConvertOptions o)
      throws IOException {
    RrdWriter writer = RrdWriter.open(out, o.writeOptions());
    StoreId store = writer.beginRecording(o.applicationId(), o.recordingId().orElse(null));
    EntityPath entity = o.entity().orElse(EntityPath.of(sourceName));
    Timing timing = Timing.of(o);
    ConvertedVideo r =
        kind == MediaKind.IVF
            ? fromIvf(in, sourceName, timing, writer, store, entity, o)
            : fromUnits(in, sourceName, kind, timing, writer, store, entity, o);
    writer.finish();
    return r;
  }

  private static ConvertedVideo fromUnits(
      InputStream in,
      String source,
      MediaKind kind,
      Timing timing,
      RrdWriter writer,
      StoreId store,
      EntityPath entity,
      ConvertOptions o)
      throws IOException {
    VideoCodec codec = kind.rawStreamCodec().orElseThrow();
    AccessUnitReader r = AccessUnitReader.open(in, codec, source);
    SampleInspector inspector = new SampleInspector();
    PictureOrder order = kind != MediaKind.OBU ? new PictureOrder(codec) : null;
    VideoStreamWriter vw = null;
    long keys = 0;
    int n = 0;
    long first = 0;
    long last = 0;
    while (r.next()) {
      inspector.inspect(codec, r.unit(), 0, r.unitSize());
      boolean key = inspector.keyframe();
      if (n == 0 && !key) {
        String types = inspector.unitTypes();
        throw new UnsupportedFeatureException(
            "the stream does not start with a keyframe (first unit: "
                + (types == null || types.isEmpty()
                    ? "no NAL units"
                    : (kind == MediaKind.OBU ? "OBU types " : "NAL unit types ") + types)
                + "); a VideoStream must",
            source,
            r.unitOffset());
      }
      if (order != null && order.next(r.unit(), 0, r.unitSize())) {
        throw new UnsupportedFeatureException(
            "the stream has B-frames: access unit "
                + n
                + " is presented before a picture decoded earlier (picture order count "
                + order.lastPictureOrderCount()
                + " after "
                + order.previousMaxPictureOrderCount()
                + "), and a raw stream carries no presentation times, so a VideoStream cannot"
                + " hold it; mux it into an MP4 first (e.g. ffmpeg -i "
                + source
                + " -c copy out.mp4) and convert that with --mode asset, or with --transcode to"
                + " re-encode it without B-frames",
            source,
            r.unitOffset());
      }
      long t = o.timeType() == TimeType.SEQUENCE ? n : timing.nanos(n);
      if (vw == null) {
        first = t;
        vw =
            VideoStreamWriter.builder(writer, store, entity)
                .codec(codec)
                .timeline(o.timelineWritten(), o.timeType())
                .build();
      }
      vw.addSample(t, r.unit(), 0, r.unitSize(), key);
      if (key) {
        keys++;
      }
      last = t;
      n++;
    }
    if (vw == null) {
      throw new UnsupportedFeatureException("the stream holds no access units", source, 0);
    }
    vw.finish();
    List<ConvertWarning> warnings = new ArrayList<>();
    if (r.skippedLeadingBytes() > 0) {
      warnings.add(
          new ConvertWarning(
              ConvertWarning.Kind.LEADING_BYTES_SKIPPED,
              "skipped "
                  + r.skippedLeadingBytes()
                  + " bytes before the first start code (they belong to no NAL unit: damaged or"
                  + " foreign data at the start of "
                  + source
                  + ")"));
    }
    return new ConvertedVideo(entity, Optional.of(codec), n, keys, first, last, warnings);
  }

  private static ConvertedVideo fromIvf(
      InputStream in,
      String source,
      Timing timing,
      RrdWriter writer,
      StoreId store,
      EntityPath entity,
      ConvertOptions o)
      throws IOException {
    IvfReader r = IvfReader.open(in, source);
    VideoCodec codec = r.codec();
    SampleInspector inspector = new SampleInspector();
    Map<String, String> hints = new LinkedHashMap<>();
    hints.put(
        HINT_IVF_HEADER,
        r.width()
            + "x"
            + r.height()
            + "/"
            + r.timebaseDenominator()
            + "/"
            + r.timebaseNumerator()
            + "/"
            + r.frameCountField());
    if (r.timebaseNumerator() == 1) {
      hints.put(RecordingToMp4.HINT_TIMESCALE, Long.toString(r.timebaseDenominator()));
    }
    VideoStreamWriter vw = null;
    long keys = 0;
    int n = 0;
    long first = 0;
    long last = 0;
    long lastTicks = 0;
    List<ConvertWarning> warnings = new ArrayList<>();
    while (r.next()) {
      inspector.inspect(codec, r.frame(), 0, r.frameSize());
      boolean key = inspector.keyframe();
      if (n == 0 && !key) {
        throw new UnsupportedFeatureException(
            "the IVF stream does not start with a key frame; a VideoStream must",
            source,
            r.frameOffset());
      }
      long t;
      if (o.timeType() == TimeType.SEQUENCE) {
        t = n;
      } else if (timing.timestampsNanos() != null) {
        t = timing.nanos(n);
      } else {
        t = r.timestampNanos(); // in range: checked by the reader
        if (n > 0 && t <= last) {
          throw new BitstreamException(
              "IVF frame "
                  + n
                  + " at offset "
                  + r.frameHeaderOffset()
                  + ": timestamp "
                  + r.timestamp()
                  + " is not after the previous "
                  + lastTicks
                  + (r.timestamp() > lastTicks
                      ? " once converted to nanoseconds (both " + t + " ns)"
                      : "")
                  + "; a VideoStream needs strictly increasing times",
              source,
              r.frameHeaderOffset() + 4,
              n);
        }
        lastTicks = r.timestamp();
      }
      if (vw == null) {
        first = t;
        vw =
            VideoStreamWriter.builder(writer, store, entity)
                .codec(codec)
                .timeline(o.timelineWritten(), o.timeType())
                .codecChunkMetadata(hints)
                .build();
      }
      vw.addSample(t, r.frame(), 0, r.frameSize(), key);
      if (key) {
        keys++;
      }
      last = t;
      n++;
    }
    if (vw == null) {
      throw new UnsupportedFeatureException("the IVF file holds no frames", source, 32);
    }
    vw.finish();
    return new ConvertedVideo(entity, Optional.of(codec), n, keys, first, last, warnings);
  }

  /**
   * Exports a {@code VideoStream} entity (the options' entity, else the first) as a raw stream: the
   * samples concatenated (Annex B, OBU; an AV1 sample without a temporal delimiter gets one) or as
   * IVF frames with their times. When {@code timestampsOut} is not null, the sample times (one per
   * line) are written there, so that a raw stream can be imported again with the same timing.
   *
   * @param kind the output's kind: {@link MediaKind#ANNEXB_H264} or {@link MediaKind#ANNEXB_H265}
   *     (which must name the recording's codec), {@link MediaKind#OBU} or {@link MediaKind#IVF}
   */
  static ConvertedVideo fromRecording(
      Path rrd,
      MediaKind kind,
      OutputStream out,
      @Nullable OutputStream timestampsOut,
      ConvertOptions o)
      throws IOException {
    try (RrdFile file = RrdFile.open(rrd, o.readOptions())) {
      EntityPath target;
      if (o.entity().isPresent()) {
        target = o.entity().get();
      } else {
        List<EntityPath> all = VideoStreamReader.videoStreamEntities(file);
        if (all.isEmpty()) {
          throw new UnsupportedFeatureException("no VideoStream entity", file.sourceName(), -1);
        }
        target = all.get(0);
      }
      try (VideoStreamReader r = VideoStreamReader.open(file, target, o.timeline().orElse(null))) {
        return export(r, kind, out, timestampsOut);
      }
    }
  }

  private static ConvertedVideo export(
      VideoStreamReader r, MediaKind kind, OutputStream out, @Nullable OutputStream timestampsOut)
      throws IOException {
    VideoCodec codec = r.codec();
    switch (kind) {
      case ANNEXB_H264, ANNEXB_H265 -> {
        if (codec != VideoCodec.H264 && codec != VideoCodec.H265) {
          throw new UnsupportedFeatureException(
              codec.shortName() + " cannot be written as Annex B (use .ivf or .obu)", null, -1);
        }
        if (kind.rawStreamCodec().orElseThrow() != codec) {
          throw new UnsupportedFeatureException(
              "the stream is " + codec.shortName() + ": name the output ." + codec.shortName(),
              null,
              -1);
        }
      }
      case OBU -> {
        if (codec != VideoCodec.AV1) {
          throw new UnsupportedFeatureException(
              codec.shortName() + " cannot be written as an OBU stream", null, -1);
        }
      }
      case IVF -> {
        if (codec != VideoCodec.AV1 && codec != VideoCodec.VP8 && codec != VideoCodec.VP9) {
          throw new UnsupportedFeatureException(
              codec.shortName() + " cannot be written to IVF (use .h264/.h265)", null, -1);
        }
      }
      default -> throw new IllegalArgumentException("not an elementary-stream kind: " + kind);
    }
    byte[] buf = new byte[1 << 16];
    IvfWriter ivf = null;
    Timescale ivfTimescale = null;
    long ivfNum = 1;
    SampleInspector inspector = new SampleInspector();
    long n = 0;
    long keys = 0;
    long first = 0;
    long last = 0;
    List<ConvertWarning> warnings = new ArrayList<>();
    java.io.Writer ts =
        timestampsOut == null
            ? null
            : new java.io.BufferedWriter(
                new java.io.OutputStreamWriter(
                    timestampsOut, java.nio.charset.StandardCharsets.UTF_8));
    while (r.next()) {
      int len = r.sampleSize();
      if (buf.length < len) {
        buf = new byte[Math.max(len, buf.length * 2)];
      }
      r.sample().get(buf, 0, len);
      long t = RecordingToMp4.checkedTime(r, n, last);
      if (n == 0) {
        first = t;
      }
      last = t;
      inspector.inspect(codec, buf, 0, len);
      if (inspector.keyframe()) {
        keys++;
      }
      if (kind == MediaKind.IVF) {
        if (ivf == null) {
          String[] h = hintedIvfHeader(r.codecChunkMetadata().get(HINT_IVF_HEADER));
          int w;
          int hgt;
          long den;
          long count = 0;
          if (h != null) {
            w = Integer.parseInt(h[0]);
            hgt = Integer.parseInt(h[1]);
            den = Long.parseLong(h[2]);
            ivfNum = Long.parseLong(h[3]);
            count = Long.parseLong(h[4]);
          } else {
            InBandConfig c = InBandConfig.fromKeyframe(codec, buf, 0, len);
            // 0 (unknown) when the frame header names no size, or one a u16 cannot hold
            boolean sized = c != null && c.width() <= 0xFFFF && c.height() <= 0xFFFF;
            w = sized ? Math.max(0, c.width()) : 0;
            hgt = sized ? Math.max(0, c.height()) : 0;
            den = 1000;
            ivfNum = 1;
            warnings.add(
                new ConvertWarning(
                    ConvertWarning.Kind.IVF_TIME_BASE_ASSUMED,
                    "IVF time base 1/1000 (the recording carries no IVF header hint)"));
          }
          ivfTimescale = Timescale.of(den);
          ivf = new IvfWriter(out, new IvfHeader(codec, w, hgt, den, ivfNum, count));
        }
        long ticks;
        if (r.timeType() == TimeType.SEQUENCE) {
          ticks = t;
        } else {
          try {
            ticks = ivfTimescale.fromNanos(t) / ivfNum;
          } catch (ArithmeticException e) {
            throw new UnsupportedFeatureException(
                "sample "
                    + n
                    + " of "
                    + r.entity()
                    + ": time "
                    + t
                    + " ns cannot be written in the IVF time base "
                    + ivfNum
                    + "/"
                    + ivfTimescale.ticksPerSecond()
                    + " s (it does not fit in 64 bits)",
                null,
                -1);
          }
        }
        ivf.write(buf, 0, len, ticks);
      } else if (kind == MediaKind.OBU && !startsWithTemporalDelimiter(buf, len)) {
        out.write(new byte[] {0x12, 0x00});
        out.write(buf, 0, len);
      } else {
        out.write(buf, 0, len);
      }
      if (ts != null) {
        ts.write(Long.toString(t));
        ts.write('\n');
      }
      n++;
    }
    if (ts != null) {
      ts.flush();
    }
    out.flush();
    return new ConvertedVideo(r.entity(), Optional.of(codec), n, keys, first, last, warnings);
  }

  private static boolean startsWithTemporalDelimiter(byte[] b, int len) {
    return len >= 2 && ((b[0] >> 3) & 0xF) == 2;
  }

  private static String @Nullable [] hintedIvfHeader(@Nullable String hint) {
    if (hint == null) {
      return null;
    }
    String[] a = hint.split("[x/]");
    if (a.length != 5) {
      return null;
    }
    // width, height (u16), time base denominator and numerator (u32, not 0), frame count (u32):
    // anything else is not a header rrdvideo wrote, and is ignored
    long[] max = {0xFFFF, 0xFFFF, 0xFFFF_FFFFL, 0xFFFF_FFFFL, 0xFFFF_FFFFL};
    long[] min = {0, 0, 1, 1, 0};
    try {
      for (int i = 0; i < 5; i++) {
        long v = Long.parseLong(a[i]);
        if (v < min[i] || v > max[i]) {
          return null;
        }
      }
      return a;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
