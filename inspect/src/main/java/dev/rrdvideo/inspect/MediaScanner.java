package dev.rrdvideo.inspect;

import dev.rrdvideo.format.error.UnsupportedFeatureException;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.media.SampleTable;
import dev.rrdvideo.media.Timescale;
import dev.rrdvideo.media.bitstream.AccessUnitReader;
import dev.rrdvideo.media.bitstream.IvfReader;
import dev.rrdvideo.media.framing.NalFraming;
import dev.rrdvideo.media.mp4.Av1Config;
import dev.rrdvideo.media.mp4.AvcConfig;
import dev.rrdvideo.media.mp4.EditListEntry;
import dev.rrdvideo.media.mp4.HevcConfig;
import dev.rrdvideo.media.mp4.Mp4Demuxer;
import dev.rrdvideo.media.mp4.Mp4Track;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Sample rows for an MP4 video track, an Annex B / OBU stream or an IVF file.
 *
 * <p>MP4: times are in the track's ticks with the edit list applied the way ffprobe shows them
 * (media time minus the first edit's media time plus leading empty edits), so {@code pts}, {@code
 * dts_ns}, {@code duration_ns}, {@code size_bytes}, {@code keyframe_declared} ({@code stss}) and
 * {@code byte_offset} line up with {@code ffprobe -show_packets}. For the bitstream columns the
 * decoder configuration's parameter sets (or AV1 sequence header) count as present, since in MP4
 * they live in the sample entry. Raw streams: {@code pts} is the sample index and times are absent
 * (the stream has none); IVF: the frame timestamps.
 */
final class MediaScanner {
  private final ScanOptions options;
  private final SampleListener listener;
  private final MessageDigest sha;
  private final SampleRow a = new SampleRow();
  private final SampleRow b = new SampleRow();
  private final SampleAnalyzer.Result ra = new SampleAnalyzer.Result(a);
  private final SampleAnalyzer.Result rb = new SampleAnalyzer.Result(b);
  private final SampleAnalyzer.Result scratchResult = new SampleAnalyzer.Result(new SampleRow());

  /** The analyzer of the stream being scanned (a new one per stream). */
  private SampleAnalyzer analyzer;

  private SampleRow pending;

  MediaScanner(ScanOptions options, SampleListener listener) {
    this.options = options;
    this.listener = listener;
    try {
      this.sha = options.hash() ? MessageDigest.getInstance("SHA-256") : null;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private SampleRow row() {
    SampleRow r = pending == a ? b : a;
    r.clearBitstream();
    r.dtsNanos = SampleRow.ABSENT;
    r.durationNanos = SampleRow.ABSENT;
    r.byteOffset = SampleRow.ABSENT;
    r.keyframeDeclared = null;
    r.chunkId = null;
    return r;
  }

  private void analyze(
      SampleRow r, VideoCodec codec, byte[] buf, int off, int len, int hashOff, int hashLen) {
    analyzer.analyze(codec, ByteBuffer.wrap(buf, off, len), r == a ? ra : rb);
    if (sha != null) {
      sha.update(buf, hashOff, hashLen);
      r.sha256 = HexFormat.of().formatHex(sha.digest());
    }
  }

  private void payload(VideoCodec codec, byte[] b, int off, int len) {
    if (options.payloadSink() != null) {
      options.payloadSink().payload(codec, ByteBuffer.wrap(b, off, len));
    }
  }

  private long gop = -1;

  private void emit(SampleRow r, boolean computeDuration) throws IOException {
    Boolean key = r.keyframeBitstream != null ? r.keyframeBitstream : r.keyframeDeclared;
    if (Boolean.TRUE.equals(key)) {
      gop++;
    }
    r.gopIndex = gop;
    if (pending != null) {
      if (computeDuration
          && pending.durationNanos == SampleRow.ABSENT
          && pending.ptsNanos != SampleRow.ABSENT
          && r.ptsNanos != SampleRow.ABSENT) {
        pending.durationNanos = r.ptsNanos - pending.ptsNanos;
      }
      listener.sample(pending);
    }
    pending = r;
  }

  private void finish(String entity, String timeline) throws IOException {
    flush();
    listener.endOfStream(entity, timeline);
  }

  private void flush() throws IOException {
    if (pending != null) {
      listener.sample(pending);
      pending = null;
    }
  }

  void scanMp4(Mp4Demuxer d, String name) throws IOException {
    Mp4Track t =
        options.trackId().isEmpty() ? d.videoTrack() : track(d, options.trackId().getAsLong());
    String timeline = "track " + t.trackId();
    scanMp4Samples(d, t, name, timeline, null);
    listener.endOfStream(name, timeline);
  }

  /** The video track {@code id} of {@code d}: unsupported input when there is none. */
  static Mp4Track track(Mp4Demuxer d, long id) throws UnsupportedFeatureException {
    Mp4Track t = d.track(id).orElse(null);
    if (t == null || !t.isSupportedVideo()) {
      StringBuilder video = new StringBuilder();
      for (Mp4Track v : d.tracks()) {
        if (v.isSupportedVideo()) {
          video.append(video.length() == 0 ? "" : ", ").append(v.trackId());
        }
      }
      String which =
          t == null
              ? "there is no track " + id
              : "track "
                  + id
                  + " is not a supported video track (handler '"
                  + t.handlerType()
                  + "', sample entry '"
                  + t.sampleEntryType()
                  + "')";
      throw new UnsupportedFeatureException(
          which
              + (video.length() == 0
                  ? "; the file has no supported video track"
                  : "; video tracks: " + video),
          d.sourceName(),
          -1);
    }
    return t;
  }

  /**
   * Emits the rows of an MP4 video track, the last one included, without ending the stream (an
   * {@code AssetVideo} reports its frame references before {@link SampleListener#endOfStream}).
   *
   * @param entity the {@code entity} column (file name, or the entity path of an asset)
   * @param timeline the {@code timeline} column
   * @param chunkId the {@code chunk_id} column, or {@code null}
   */
  void scanMp4Samples(Mp4Demuxer d, Mp4Track t, String entity, String timeline, String chunkId)
      throws IOException {
    String name = entity;
    SampleTable s = t.sampleTable();
    VideoCodec codec = t.codec();
    Timescale ts = s.timescale();
    long shift = shift(d, t);
    NalFraming framing = null;
    byte[] av1Header = null;
    byte[] configParameterSets = null;
    if (t.decoderConfig() instanceof AvcConfig || t.decoderConfig() instanceof HevcConfig) {
      configParameterSets = annexB(NalFraming.parameterSets(t.decoderConfig()));
      framing = NalFraming.forConfig(t.decoderConfig(), d.sourceName());
    } else if (t.decoderConfig() instanceof Av1Config c && c.configObus().length > 0) {
      av1Header = c.configObus();
      configParameterSets = av1Header;
    }
    analyzer = options.newAnalyzer();
    // without an analyzer, a hash or a payload sink nobody looks at the sample bytes: the rows come
    // from the sample table alone and no sample is read
    boolean parse = analyzer != SampleAnalyzer.NONE;
    boolean sink = options.payloadSink() != null;
    boolean read = parse || sha != null || sink;
    if (parse && configParameterSets != null) {
      // the stream's parameter sets live in the sample entry: let the analyzer see them first (an
      // H.265 slice header is read with its picture parameter set, an AV1 frame header with the
      // sequence header)
      analyzer.analyze(codec, ByteBuffer.wrap(configParameterSets), scratchResult);
    }
    byte[] buf = new byte[read ? Math.max(1, t.maxSampleSizeBytes()) : 1];
    ScanStats stats = options.statsOrNull();
    byte[] joined = new byte[0];
    gop = -1;
    for (int i = 0; i < s.size(); i++) {
      int len = read ? t.readSample(i, buf) : s.sizeBytes(i);
      if (read && stats != null) {
        stats.mp4SampleRead();
      }
      SampleRow r = row();
      r.entity = name;
      r.timeline = timeline;
      r.sampleIndex = i;
      r.pts = s.ptsTicks(i) + shift;
      r.ptsNanos = ts.toNanos(r.pts);
      r.dtsNanos = ts.toNanos(s.dtsTicks(i) + shift);
      r.durationNanos = ts.toNanos(s.durationTicks(i));
      r.sizeBytes = len;
      r.keyframeDeclared = s.isKeyframe(i);
      r.codec = codec;
      r.byteOffset = s.offsetBytes(i);
      r.chunkId = chunkId;
      if (codec != null && read) {
        if (framing != null) {
          // the sample's own NAL units (Annex B, nothing added) for the types and frame type;
          // keyframe = IDR / IRAP, since the parameter sets live in the sample entry
          if (parse || sink) {
            framing.convert(buf, 0, len, false, i, s.offsetBytes(i));
            analyze(r, codec, framing.buffer(), 0, framing.size(), 0, 0);
            payload(codec, framing.buffer(), 0, framing.size());
          }
          if (parse) {
            r.annexB = null;
            r.parameterSets = true;
            boolean key = hasRandomAccessNal(codec, r.nalTypes);
            r.keyframeBitstream = key;
            r.randomAccess = key;
            // width and height: the SPS size from avcC/hvcC (the analyzer saw it first), not the
            // sample entry's, which a writer may set smaller than the SPS (GoPro Karma: 854 in
            // avc1, 864 in an SPS without cropping)
          }
        } else if (av1Header != null && parse) {
          if (joined.length < av1Header.length + len) {
            joined = new byte[av1Header.length + len];
          }
          analyze(r, codec, buf, 0, len, 0, 0);
          payload(codec, buf, 0, len);
          String ownTypes = r.nalTypes;
          int frames = r.frameCount;
          System.arraycopy(av1Header, 0, joined, 0, av1Header.length);
          System.arraycopy(buf, 0, joined, av1Header.length, len);
          analyze(r, codec, joined, 0, av1Header.length + len, 0, 0);
          r.nalTypes = ownTypes;
          r.frameCount = frames;
          r.parameterSets = true;
        } else {
          analyze(r, codec, buf, 0, len, 0, 0);
          payload(codec, buf, 0, len);
        }
        if (sha != null) {
          sha.update(buf, 0, len);
          r.sha256 = HexFormat.of().formatHex(sha.digest());
        }
      }
      emit(r, false);
    }
    flush();
  }

  /** NAL units with 4-byte start codes (empty array for none). */
  private static byte[] annexB(List<byte[]> nals) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] n : nals) {
      out.write(0);
      out.write(0);
      out.write(0);
      out.write(1);
      out.writeBytes(n);
    }
    return out.size() == 0 ? null : out.toByteArray();
  }

  /**
   * Whether the sample's NAL unit types (comma-separated, possibly empty: a sample can hold no NAL
   * unit at all) include an IDR (H.264) or IRAP (H.265) picture. No allocation.
   */
  static boolean hasRandomAccessNal(VideoCodec codec, String types) {
    if (codec == VideoCodec.H264) {
      return BitstreamAnalyzer.hasType(types, 5);
    }
    for (int t = 16; t <= 23; t++) {
      if (BitstreamAnalyzer.hasType(types, t)) {
        return true;
      }
    }
    return false;
  }

  /** ffprobe's presentation shift: empty edits minus the first normal edit's media time. */
  static long shift(Mp4Demuxer d, Mp4Track t) {
    long shift = 0;
    long empty = 0;
    boolean sawNormal = false;
    for (EditListEntry e : t.edits()) {
      if (e.isEmpty() && !sawNormal) {
        empty += e.segmentDuration();
      } else if (!e.isEmpty()) {
        shift = -e.mediaTime();
        sawNormal = true;
        break;
      }
    }
    if (empty > 0 && d.movieTimescale().isPresent()) {
      shift += t.timescale().fromNanos(d.movieTimescale().get().toNanos(empty));
    }
    return shift;
  }

  void scanRaw(InputStream in, String name, VideoCodec codec) throws IOException {
    AccessUnitReader r = AccessUnitReader.open(in, codec, name);
    gop = -1;
    analyzer = options.newAnalyzer();
    while (r.next()) {
      SampleRow row = row();
      row.entity = name;
      row.timeline = "stream";
      row.sampleIndex = r.index();
      row.pts = r.index();
      row.ptsNanos = SampleRow.ABSENT;
      row.sizeBytes = r.unitSize();
      row.codec = codec;
      row.byteOffset = r.unitOffset();
      analyze(row, codec, r.unit(), 0, r.unitSize(), 0, r.unitSize());
      payload(codec, r.unit(), 0, r.unitSize());
      emit(row, false);
    }
    finish(name, "stream");
  }

  void scanIvf(InputStream in, String name) throws IOException {
    IvfReader r = IvfReader.open(in, name);
    gop = -1;
    analyzer = options.newAnalyzer();
    long i = 0;
    while (r.next()) {
      SampleRow row = row();
      row.entity = name;
      row.timeline = "stream";
      row.sampleIndex = i++;
      row.pts = r.timestamp();
      row.ptsNanos = r.timestampNanos(); // exact, range-checked by the reader
      row.dtsNanos = row.ptsNanos;
      row.sizeBytes = r.frameSize();
      row.codec = r.codec();
      row.byteOffset = r.frameOffset();
      analyze(row, r.codec(), r.frame(), 0, r.frameSize(), 0, r.frameSize());
      payload(r.codec(), r.frame(), 0, r.frameSize());
      emit(row, true);
    }
    finish(name, "stream");
  }
}
