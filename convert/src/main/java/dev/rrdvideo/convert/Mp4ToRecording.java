package dev.rrdvideo.convert;

import dev.rrdvideo.format.RrdWriter;
import dev.rrdvideo.format.StoreId;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.error.UnsupportedFeatureException;
import dev.rrdvideo.format.video.AssetVideo;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.io.AssetVideoWriter;
import dev.rrdvideo.format.video.io.VideoStreamWriter;
import dev.rrdvideo.media.SampleTable;
import dev.rrdvideo.media.Timescale;
import dev.rrdvideo.media.bitstream.ObuCursor;
import dev.rrdvideo.media.framing.NalFraming;
import dev.rrdvideo.media.mp4.Av1Config;
import dev.rrdvideo.media.mp4.AvcConfig;
import dev.rrdvideo.media.mp4.DecoderConfig;
import dev.rrdvideo.media.mp4.EditListEntry;
import dev.rrdvideo.media.mp4.HevcConfig;
import dev.rrdvideo.media.mp4.Mp4Demuxer;
import dev.rrdvideo.media.mp4.Mp4Track;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Converts the video track of an MP4 into a recording, without re-encoding.
 *
 * <p>{@link ConvertOptions.Mode#STREAM}: one {@code VideoStream} sample per MP4 sample, in the
 * canonical layout ({@link VideoStreamWriter}). H.264/H.265 samples are rewritten from
 * length-prefixed NAL units to Annex B, and every keyframe that lacks in-band parameter sets gets
 * the track's (VPS/SPS/PPS, after a leading access unit delimiter); AV1 keyframes get the {@code
 * av1C} sequence header when they lack one; VP8/VP9 frames are copied. Times are the presentation
 * times in ns, converted exactly from the track timescale, with the edit list handled by {@link
 * ConvertOptions.EditListPolicy}. A track whose presentation order differs from its decode order
 * (B-frames) is refused with an {@link UnsupportedFeatureException} naming the way out ({@code
 * --mode asset}).
 *
 * <p>{@link ConvertOptions.Mode#ASSET}: the whole file as an {@code AssetVideo} blob ({@code
 * video/mp4}) plus one {@code VideoFrameReference} row per frame at its presentation time (sorted,
 * smallest = 0, edit list ignored: the zero point of the viewer's MP4 player), as Rerun's importer
 * does. B-frames are fine here. Files of 2 GiB and more cannot be blobs.
 *
 * <p>Memory: the sample table plus one sample buffer (stream mode); the whole file (asset mode).
 */
final class Mp4ToRecording {
  private Mp4ToRecording() {}

  /**
   * Converts {@code mp4} into a new recording written to {@code out} (not closed).
   *
   * @throws dev.rrdvideo.media.Mp4FormatException for a damaged MP4
   * @throws UnsupportedFeatureException for codecs, B-frames or layouts that cannot be carried
   */
  static ConvertedVideo convert(Path mp4, OutputStream out, ConvertOptions o) throws IOException {
    try (Mp4Demuxer demuxer = Mp4Demuxer.open(mp4)) {
      RrdWriter writer = RrdWriter.open(out, o.writeOptions());
      StoreId store = writer.beginRecording(o.applicationId(), o.recordingId().orElse(null));
      Mp4Track track = selectTrack(demuxer, o);
      EntityPath entity = o.entity().orElse(EntityPath.of(String.valueOf(mp4.getFileName())));
      ConvertedVideo r =
          o.mode() == ConvertOptions.Mode.ASSET
              ? asset(demuxer, track, mp4, writer, store, entity, o)
              : stream(demuxer, track, writer, store, entity, o);
      writer.finish();
      return r;
    }
  }

  static Mp4Track selectTrack(Mp4Demuxer demuxer, ConvertOptions o) throws IOException {
    if (o.trackId().isEmpty()) {
      return demuxer.videoTrack();
    }
    long id = o.trackId().getAsLong();
    Mp4Track t =
        demuxer
            .track(id)
            .orElseThrow(
                () ->
                    new UnsupportedFeatureException(
                        "no track "
                            + id
                            + " in "
                            + demuxer.sourceName()
                            + " (tracks: "
                            + trackList(demuxer)
                            + ")",
                        demuxer.sourceName(),
                        -1));
    if (!t.isSupportedVideo()) {
      throw new UnsupportedFeatureException(
          "track "
              + t.trackId()
              + " is not a supported video track (handler '"
              + t.handlerType()
              + "', sample entry '"
              + t.sampleEntryType()
              + "'); supported: avc1/avc3, hvc1/hev1, av01, vp08, vp09",
          demuxer.sourceName(),
          -1);
    }
    return t;
  }

  private static String trackList(Mp4Demuxer d) {
    List<String> s = new ArrayList<>();
    for (Mp4Track t : d.tracks()) {
      s.add(t.trackId() + " " + t.handlerType() + "/" + t.sampleEntryType());
    }
    return String.join(", ", s);
  }

  /** Writes the VideoStream entity of one track (see the class docs). */
  static ConvertedVideo stream(
      Mp4Demuxer demuxer,
      Mp4Track track,
      RrdWriter writer,
      StoreId store,
      EntityPath entity,
      ConvertOptions o)
      throws IOException {
    String src = demuxer.sourceName();
    SampleTable t = track.sampleTable();
    VideoCodec codec = track.codec();
    List<ConvertWarning> warnings = new ArrayList<>();
    int n = t.size();
    if (n == 0) {
      throw new UnsupportedFeatureException(
          "video track " + track.trackId() + " has no samples", src, -1);
    }
    if (t.hasReordering()) {
      throw new UnsupportedFeatureException(
          "track "
              + track.trackId()
              + " has B-frames (presentation order differs from decode order), which a VideoStream"
              + " cannot carry; use --mode asset to keep the MP4 as an AssetVideo the viewer plays,"
              + " or --transcode to re-encode without B-frames",
          src,
          -1);
    }
    if (!t.isKeyframe(0)) {
      throw new UnsupportedFeatureException(
          "the first sample of track "
              + track.trackId()
              + " is not a keyframe, so the stream"
              + " cannot be decoded from its start; use --mode asset",
          src,
          t.offsetBytes(0));
    }
    long[] timesNanos =
        presentationTimes(track, demuxer.movieTimescale().orElse(null), o, warnings);
    for (int i = 1; i < n; i++) {
      if (timesNanos[i] <= timesNanos[i - 1]) {
        throw new UnsupportedFeatureException(
            "samples "
                + (i - 1)
                + " and "
                + i
                + " of track "
                + track.trackId()
                + " have the same presentation time after conversion to "
                + (o.timeType() == TimeType.SEQUENCE ? "frame numbers" : "nanoseconds")
                + "; a VideoStream needs strictly increasing times",
            src,
            t.offsetBytes(i));
      }
    }
    DecoderConfig cfg = track.decoderConfig();
    NalFraming nal = null;
    byte[] av1SequenceHeader = null;
    ObuCursor obuCursor = new ObuCursor();
    if (codec == VideoCodec.H264 || codec == VideoCodec.H265) {
      if (cfg instanceof AvcConfig || cfg instanceof HevcConfig) {
        nal = NalFraming.forConfig(cfg, src);
      } else {
        throw new UnsupportedFeatureException(
            "track "
                + track.trackId()
                + " ("
                + track.sampleEntryType()
                + ") has no avcC/hvcC decoder configuration",
            src,
            -1);
      }
    } else if (codec == VideoCodec.AV1 && cfg instanceof Av1Config av1) {
      byte[] obus = av1.configObus();
      if (obus.length > 0
          && obuCursor.reset(obus, 0, obus.length).nextOfType(ObuCursor.SEQUENCE_HEADER)) {
        av1SequenceHeader = obus;
      }
    }
    Map<String, String> hints = new LinkedHashMap<>();
    hints.put(RecordingToMp4.HINT_TIMESCALE, Long.toString(t.timescale().ticksPerSecond()));
    hints.put(RecordingToMp4.HINT_LAST_DURATION, Long.toString(t.durationTicks(n - 1)));
    VideoStreamWriter vw =
        VideoStreamWriter.builder(writer, store, entity)
            .codec(codec)
            .timeline(o.timelineWritten(), o.timeType())
            .codecChunkMetadata(hints)
            .build();
    byte[] buf = new byte[Math.max(1, track.maxSampleSizeBytes())];
    byte[] joined = av1SequenceHeader == null ? null : new byte[0];
    long keys = 0;
    int injected = 0;
    for (int i = 0; i < n; i++) {
      int len = track.readSample(i, buf);
      boolean key = t.isKeyframe(i);
      if (key) {
        keys++;
      }
      if (nal != null) {
        nal.convert(buf, 0, len, key, i, t.offsetBytes(i));
        vw.addSample(timesNanos[i], nal.buffer(), 0, nal.size(), key);
      } else if (key
          && av1SequenceHeader != null
          && !obuCursor.reset(buf, 0, len).nextOfType(ObuCursor.SEQUENCE_HEADER)) {
        int total = av1SequenceHeader.length + len;
        if (joined.length < total) {
          joined = new byte[total];
        }
        System.arraycopy(av1SequenceHeader, 0, joined, 0, av1SequenceHeader.length);
        System.arraycopy(buf, 0, joined, av1SequenceHeader.length, len);
        vw.addSample(timesNanos[i], joined, 0, total, key);
        injected++;
      } else {
        vw.addSample(timesNanos[i], buf, 0, len, key);
      }
    }
    vw.finish();
    if (injected > 0) {
      warnings.add(
          new ConvertWarning(
              ConvertWarning.Kind.AV1_SEQUENCE_HEADER_ADDED,
              "added the av1C sequence header to "
                  + injected
                  + (injected == 1 ? " keyframe that lacked" : " keyframes that lacked")
                  + " one in-band"));
    }
    return new ConvertedVideo(
        entity, Optional.of(codec), n, keys, timesNanos[0], timesNanos[n - 1], warnings);
  }

  /**
   * Returns each sample's time on the target timeline: presentation ns per the edit-list policy, or
   * the sample index for sequence timelines.
   */
  static long[] presentationTimes(
      Mp4Track track,
      @Nullable Timescale movieTimescale,
      ConvertOptions o,
      List<ConvertWarning> warnings)
      throws UnsupportedFeatureException {
    SampleTable t = track.sampleTable();
    int n = t.size();
    long[] out = new long[n];
    if (o.timeType() == TimeType.SEQUENCE) {
      for (int i = 0; i < n; i++) {
        out[i] = i;
      }
      return out;
    }
    Timescale ts = t.timescale();
    long offsetTicks = 0;
    long delayNanos = 0;
    if (o.editList() == ConvertOptions.EditListPolicy.SHIFT) {
      offsetTicks = Long.MAX_VALUE;
      for (int i = 0; i < n; i++) {
        offsetTicks = Math.min(offsetTicks, t.ptsTicks(i));
      }
    } else if (!track.edits().isEmpty()) {
      List<EditListEntry> edits = track.edits();
      int i = 0;
      long emptyMovieTicks = 0;
      while (i < edits.size() && edits.get(i).isEmpty()) {
        emptyMovieTicks += edits.get(i).segmentDuration();
        i++;
      }
      offsetTicks = i < edits.size() ? edits.get(i).mediaTime() : 0;
      int normal = 0;
      for (EditListEntry e : edits) {
        if (!e.isEmpty()) {
          normal++;
          if (e.mediaRateInteger() != 1 || e.mediaRateFraction() != 0) {
            warnings.add(
                new ConvertWarning(
                    ConvertWarning.Kind.EDIT_LIST_RATE_IGNORED,
                    "edit list has a segment with a rate other than 1; the rate is ignored"));
          }
        }
      }
      if (normal > 1) {
        warnings.add(
            new ConvertWarning(
                ConvertWarning.Kind.EDIT_LIST_SEGMENTS_IGNORED,
                "edit list has " + normal + " segments; only the first one is applied"));
      }
      if (emptyMovieTicks > 0) {
        if (movieTimescale == null) {
          warnings.add(
              new ConvertWarning(
                  ConvertWarning.Kind.EMPTY_EDIT_IGNORED,
                  "empty edit ignored: the file has no movie timescale (mvhd)"));
        } else {
          delayNanos = movieTimescale.toNanos(emptyMovieTicks);
        }
      }
    }
    for (int i = 0; i < n; i++) {
      try {
        out[i] = Math.addExact(ts.toNanos(t.ptsTicks(i) - offsetTicks), delayNanos);
      } catch (ArithmeticException e) {
        throw new UnsupportedFeatureException(
            "sample " + i + " has a presentation time outside the nanosecond range", null, -1);
      }
    }
    return out;
  }

  private static ConvertedVideo asset(
      Mp4Demuxer demuxer,
      Mp4Track track,
      Path file,
      RrdWriter writer,
      StoreId store,
      EntityPath entity,
      ConvertOptions o)
      throws IOException {
    long size = Files.size(file);
    if (size > Integer.MAX_VALUE - 8) {
      throw new UnsupportedFeatureException(
          "an AssetVideo blob must be smaller than 2 GiB; this file has "
              + size
              + " bytes (use the default VideoStream mode)",
          demuxer.sourceName(),
          -1);
    }
    SampleTable t = track.sampleTable();
    int n = t.size();
    long[] pts = new long[n];
    long min = Long.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      pts[i] = t.ptsTicks(i);
      min = Math.min(min, pts[i]);
    }
    Arrays.sort(pts);
    long[] nanos = new long[n];
    long keys = 0;
    for (int i = 0; i < n; i++) {
      nanos[i] = o.timeType() == TimeType.SEQUENCE ? i : t.timescale().toNanos(pts[i] - min);
      if (t.isKeyframe(i)) {
        keys++;
      }
    }
    byte[] blob = Files.readAllBytes(file);
    AssetVideoWriter.builder(writer, store, entity)
        .blob(blob, 0, blob.length)
        .mediaType(AssetVideo.MEDIA_TYPE_MP4)
        .frameTimesNanos(nanos, n)
        .timeline(o.timelineWritten(), o.timeType())
        .write();
    return new ConvertedVideo(
        entity,
        Optional.of(track.codec()),
        n,
        keys,
        n == 0 ? 0 : nanos[0],
        n == 0 ? 0 : nanos[n - 1],
        List.of());
  }
}
