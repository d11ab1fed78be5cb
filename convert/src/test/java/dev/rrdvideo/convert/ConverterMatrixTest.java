package dev.rrdvideo.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rrdvideo.format.ChunkIndexEntry;
import dev.rrdvideo.format.RrdFile;
import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.error.UnsupportedFeatureException;
import dev.rrdvideo.format.video.AssetVideoChunk;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.VideoFrameReferenceChunk;
import dev.rrdvideo.format.video.io.VideoStreamReader;
import dev.rrdvideo.media.MediaKind;
import dev.rrdvideo.media.SampleTable;
import dev.rrdvideo.media.mp4.Mp4Demuxer;
import dev.rrdvideo.media.mp4.Mp4Track;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every cell of {@link Converter}'s matrix on real fixtures, through the public API only. The
 * expectations come from the fixtures, never from the code under test: the ffprobe packet tables
 * and stream facts recorded when the fixtures were made ({@code expected/NAME.packets.csv}, {@code
 * expected/NAME.stream.json}), the manifests of the MCAP files real Rerun imported ({@code
 * rerun/NAME.mcap.json}), and the source files' bytes.
 */
class ConverterMatrixTest {
  @TempDir Path dir;

  // ---- MP4 -> recording ----

  @ParameterizedTest
  @ValueSource(strings = {"h264_base.mp4", "h265_hvc1.mp4", "vp9.mp4", "h264_edit_delay.mp4"})
  void mp4ToRecordingGivesOneSamplePerPacketAtFfprobesTimes(String file) throws Exception {
    Path rrd = dir.resolve("out.rrd");
    ConvertResult r =
        Converter.convert(
            ConvertInput.file(TestData.path("mp4/" + file)),
            ConvertOutput.file(rrd),
            ConvertOptions.defaults());

    List<Packet> packets = packets(file);
    JsonNode stream = stream(file);
    VideoCodec codec = codecOf(stream);
    assertThat(r.from()).isEqualTo(MediaKind.MP4);
    assertThat(r.to()).isEqualTo(MediaKind.RECORDING);
    assertThat(r.videos()).hasSize(1);
    ConvertedVideo v = r.video();
    assertThat(v.entity()).isEqualTo(EntityPath.of(file));
    assertThat(v.codec()).contains(codec);
    assertThat(v.samples()).isEqualTo(packets.size());
    assertThat(v.keyframes()).isEqualTo(packets.stream().filter(Packet::key).count());

    byte[] source = TestData.bytes("mp4/" + file);
    long[] timeBase = timeBase(stream);
    List<Sample> samples = samples(rrd, v.entity(), "video");
    assertThat(samples).hasSize(packets.size());
    for (int i = 0; i < packets.size(); i++) {
      Packet p = packets.get(i);
      Sample s = samples.get(i);
      // ffprobe shows times with the edit list applied, as the default EditListPolicy.APPLY
      assertThat(s.time()).as("time of %d", i).isEqualTo(nanos(p.pts(), timeBase));
      assertThat(s.keyframe()).as("keyframe %d", i).isEqualTo(p.key());
      byte[] mp4Sample = Arrays.copyOfRange(source, (int) p.pos(), (int) p.pos() + p.size());
      if (codec == VideoCodec.H264 || codec == VideoCodec.H265) {
        // ffprobe names the length size for avcC only; ffmpeg (which made these files) writes 4
        // bytes, and lengthPrefixedNals checks that the prefixes cover the sample exactly
        int lengthSize = stream.has("nal_length_size") ? stream.get("nal_length_size").asInt() : 4;
        assertThat(withoutParameterSets(codec, annexBNals(s.bytes())))
            .as("NAL units of %d", i)
            .containsExactlyElementsOf(
                withoutParameterSets(codec, lengthPrefixedNals(mp4Sample, lengthSize)));
      } else {
        assertThat(s.bytes()).as("sample %d", i).isEqualTo(mp4Sample);
      }
    }
    assertThat(v.firstTime()).isEqualTo(samples.get(0).time());
    assertThat(v.lastTime()).isEqualTo(samples.get(samples.size() - 1).time());
  }

  @Test
  void mp4ToRecordingAsAssetKeepsTheFileAndReferencesEveryFrame() throws Exception {
    String file = "h264_bframes.mp4"; // B-frames: fine for an AssetVideo
    Path rrd = dir.resolve("asset.rrd");
    ConvertResult r =
        Converter.convert(
            ConvertInput.file(TestData.path("mp4/" + file)),
            ConvertOutput.file(rrd),
            ConvertOptions.builder().mode(ConvertOptions.Mode.ASSET).build());
    List<Packet> packets = packets(file);
    assertThat(r.video().samples()).isEqualTo(packets.size());
    Asset a = asset(rrd, r.video().entity());
    assertThat(a.blob()).isEqualTo(TestData.bytes("mp4/" + file));
    assertThat(a.references()).isEqualTo(packets.size());
  }

  // ---- raw stream / IVF -> recording ----

  @ParameterizedTest
  @CsvSource({"annexb/h264.h264, ANNEXB_H264", "annexb/h265.h265, ANNEXB_H265", "obu/av1.obu, OBU"})
  void rawToRecordingKeepsEachAccessUnitAtTheFrameRate(String name, MediaKind kind)
      throws Exception {
    String file = name.substring(name.indexOf('/') + 1);
    byte[] source = TestData.bytes(name);
    ByteArrayOutputStream rrd = new ByteArrayOutputStream();
    ConvertResult r =
        Converter.convert(
            ConvertInput.stream(TestData.open(name), kind, file),
            ConvertOutput.stream(rrd, MediaKind.RECORDING),
            ConvertOptions.builder().fps(25).build());
    Path written = dir.resolve("raw.rrd");
    Files.write(written, rrd.toByteArray());

    List<Packet> packets = packets(file);
    assertThat(r.video().codec()).contains(codecOf(stream(file)));
    assertThat(r.video().samples()).isEqualTo(packets.size());
    assertThat(r.video().keyframes()).isEqualTo(packets.stream().filter(Packet::key).count());
    List<Sample> samples = samples(written, EntityPath.of(file), "video");
    assertThat(samples).hasSize(packets.size());
    for (int i = 0; i < packets.size(); i++) {
      Packet p = packets.get(i);
      assertThat(samples.get(i).bytes())
          .as("access unit %d", i)
          .isEqualTo(Arrays.copyOfRange(source, (int) p.pos(), (int) p.pos() + p.size()));
      assertThat(samples.get(i).time()).as("time %d", i).isEqualTo(i * 40_000_000L); // 25 fps
      assertThat(samples.get(i).keyframe()).as("keyframe %d", i).isEqualTo(p.key());
    }
  }

  @Test
  void rawToRecordingTakesExplicitTimestamps() throws Exception {
    long[] times = new long[30]; // h264.h264 has 30 access units (its ffprobe table)
    for (int i = 0; i < times.length; i++) {
      times[i] = 1_000 + i * i * 1_000_000L;
    }
    Path rrd = dir.resolve("timed.rrd");
    Converter.convert(
        ConvertInput.file(TestData.path("annexb/h264.h264")),
        ConvertOutput.file(rrd),
        ConvertOptions.builder().timestampsNanos(times).timeline("t").build());
    List<Sample> samples = samples(rrd, EntityPath.of("h264.h264"), "t");
    assertThat(samples.stream().mapToLong(Sample::time).toArray()).isEqualTo(times);
  }

  @ParameterizedTest
  @ValueSource(strings = {"vp8.ivf", "vp9.ivf", "av1.ivf"})
  void ivfToRecordingKeepsEachFrameAtItsOwnTime(String file) throws Exception {
    Path rrd = dir.resolve("ivf.rrd");
    ConvertResult r =
        Converter.convert(
            ConvertInput.file(TestData.path("ivf/" + file)),
            ConvertOutput.file(rrd),
            ConvertOptions.defaults());
    byte[] source = TestData.bytes("ivf/" + file);
    List<Packet> packets = packets(file);
    long[] timeBase = timeBase(stream(file));
    assertThat(r.video().codec()).contains(codecOf(stream(file)));
    List<Sample> samples = samples(rrd, EntityPath.of(file), "video");
    assertThat(samples).hasSize(packets.size());
    for (int i = 0; i < packets.size(); i++) {
      Packet p = packets.get(i);
      // ffprobe's pos is the IVF frame header: 4 bytes of size and 8 of timestamp, then the frame
      int frame = (int) p.pos() + 12;
      assertThat(samples.get(i).bytes())
          .as("frame %d", i)
          .isEqualTo(Arrays.copyOfRange(source, frame, frame + p.size()));
      assertThat(samples.get(i).time()).as("time %d", i).isEqualTo(nanos(p.pts(), timeBase));
      assertThat(samples.get(i).keyframe()).as("keyframe %d", i).isEqualTo(p.key());
    }
  }

  // ---- recording -> MP4 ----

  @Test
  void recordingToMp4MuxesWhatRerunStored() throws Exception {
    // stream_h264.rrd: written by Rerun from an MCAP of stream_h264.h264, one frame per message
    JsonNode mcap = mcap("stream_h264");
    JsonNode messages = mcap.get("messages");
    byte[] source = TestData.bytes("rerun/stream_h264.h264");
    ByteArrayOutputStream mp4 = new ByteArrayOutputStream();
    ConvertResult r =
        Converter.convert(
            ConvertInput.file(TestData.path("rerun/stream_h264.rrd")),
            ConvertOutput.stream(mp4, MediaKind.MP4),
            ConvertOptions.builder().timeline("timestamp").build());
    assertThat(r.video().entity()).isEqualTo(EntityPath.parse(mcap.get("topic").asText()));
    assertThat(r.video().codec()).contains(VideoCodec.H264);
    assertThat(r.video().samples()).isEqualTo(messages.size());

    try (Mp4Demuxer d = Mp4Demuxer.open(mp4.toByteArray(), "exported")) {
      Mp4Track t = d.videoTrack();
      SampleTable table = t.sampleTable();
      assertThat(t.codec()).isEqualTo(VideoCodec.H264);
      assertThat(table.size()).isEqualTo(messages.size());
      long t0 = messages.get(0).get("timestamp_ns").asLong();
      byte[] buf = new byte[t.maxSampleSizeBytes()];
      for (int i = 0; i < table.size(); i++) {
        JsonNode m = messages.get(i);
        assertThat(table.ptsNanos(i) - table.ptsNanos(0))
            .as("time %d", i)
            .isEqualTo(m.get("timestamp_ns").asLong() - t0);
        assertThat(table.isKeyframe(i)).as("sync %d", i).isEqualTo(m.get("key").asBoolean());
        int off = m.get("input_offset").asInt();
        byte[] unit = Arrays.copyOfRange(source, off, off + m.get("size").asInt());
        int len = t.readSample(i, buf);
        assertThat(withoutParameterSets(VideoCodec.H264, lengthPrefixedNals(copy(buf, len), 4)))
            .as("NAL units of %d", i)
            .containsExactlyElementsOf(withoutParameterSets(VideoCodec.H264, annexBNals(unit)));
      }
    }
  }

  // ---- recording -> raw stream / IVF ----

  @ParameterizedTest
  @CsvSource({"stream_h264, ANNEXB_H264, h264", "stream_av1, OBU, obu"})
  void recordingToRawGivesBackTheSourceRerunImported(String name, MediaKind kind, String ext)
      throws Exception {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    ByteArrayOutputStream times = new ByteArrayOutputStream();
    ConvertResult r =
        Converter.convert(
            ConvertInput.file(TestData.path("rerun/" + name + ".rrd")),
            ConvertOutput.stream(raw, kind).withTimestamps(times),
            ConvertOptions.builder().timeline("timestamp").build());
    assertThat(raw.toByteArray()).isEqualTo(TestData.bytes("rerun/" + name + "." + ext));
    List<String> expected = new ArrayList<>();
    for (JsonNode m : mcap(name).get("messages")) {
      expected.add(m.get("timestamp_ns").asText());
    }
    assertThat(times.toString(StandardCharsets.UTF_8).split("\n"))
        .containsExactlyElementsOf(expected);
    assertThat(r.video().samples()).isEqualTo(expected.size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"vp8.ivf", "vp9.ivf", "av1.ivf"})
  void recordingToIvfGivesBackTheIvfFile(String file) throws Exception {
    Path rrd = dir.resolve("ivf.rrd");
    Converter.convert(
        ConvertInput.file(TestData.path("ivf/" + file)),
        ConvertOutput.file(rrd),
        ConvertOptions.defaults());
    Path ivf = dir.resolve("again.ivf");
    ConvertResult r =
        Converter.convert(
            ConvertInput.file(rrd), ConvertOutput.file(ivf), ConvertOptions.defaults());
    assertThat(Files.readAllBytes(ivf)).isEqualTo(TestData.bytes("ivf/" + file));
    assertThat(r.warnings()).isEmpty();
  }

  @Test
  void anIvfExportWithoutTheSourceHeaderSaysWhichTimeBaseItChose() throws Exception {
    ConvertResult r =
        Converter.convert(
            ConvertInput.file(TestData.path("rerun/stream_av1.rrd")),
            ConvertOutput.stream(new ByteArrayOutputStream(), MediaKind.IVF),
            ConvertOptions.defaults());
    assertThat(r.warnings())
        .extracting(ConvertWarning::kind)
        .containsExactly(ConvertWarning.Kind.IVF_TIME_BASE_ASSUMED);
  }

  @Test
  void anAnnexBExportOfTheOtherCodecIsRefusedBeforeWriting() throws Exception {
    Path rrd = dir.resolve("h265.rrd");
    Converter.convert(
        ConvertInput.file(TestData.path("annexb/h265.h265")),
        ConvertOutput.file(rrd),
        ConvertOptions.defaults());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(
            () ->
                Converter.convert(
                    ConvertInput.file(rrd),
                    ConvertOutput.stream(out, MediaKind.ANNEXB_H264),
                    ConvertOptions.defaults()))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessage("the stream is h265: name the output .h265");
    assertThat(out.size()).isZero();
  }

  // ---- recording -> recording ----

  @Test
  void recordingAssetToStreamAndBackKeepsEveryPacket() throws Exception {
    // asset_h264_nobf.rrd: the Rerun viewer's import of asset_h264_nobf.mp4
    String mp4 = "asset_h264_nobf.mp4";
    List<Packet> packets = packets(mp4);
    long[] timeBase = timeBase(stream(mp4));
    byte[] source = TestData.bytes("rerun/" + mp4);
    Path streamed = dir.resolve("streamed.rrd");
    ConvertResult toStream =
        Converter.convert(
            ConvertInput.file(TestData.path("rerun/asset_h264_nobf.rrd")),
            ConvertOutput.file(streamed),
            ConvertOptions.builder().mode(ConvertOptions.Mode.STREAM).build());
    assertThat(toStream.from()).isEqualTo(MediaKind.RECORDING);
    assertThat(toStream.to()).isEqualTo(MediaKind.RECORDING);
    assertThat(toStream.videos()).hasSize(1);
    EntityPath entity = toStream.video().entity();
    List<Sample> samples = samples(streamed, entity, "video");
    assertThat(samples).hasSize(packets.size());
    for (int i = 0; i < packets.size(); i++) {
      Packet p = packets.get(i);
      assertThat(samples.get(i).time()).as("time %d", i).isEqualTo(nanos(p.pts(), timeBase));
      assertThat(samples.get(i).keyframe()).as("keyframe %d", i).isEqualTo(p.key());
      byte[] mp4Sample = Arrays.copyOfRange(source, (int) p.pos(), (int) p.pos() + p.size());
      assertThat(withoutParameterSets(VideoCodec.H264, annexBNals(samples.get(i).bytes())))
          .as("NAL units of %d", i)
          .containsExactlyElementsOf(
              withoutParameterSets(VideoCodec.H264, lengthPrefixedNals(mp4Sample, 4)));
    }

    Path asset = dir.resolve("asset.rrd");
    ConvertResult toAsset =
        Converter.convert(
            ConvertInput.file(streamed),
            ConvertOutput.file(asset),
            ConvertOptions.builder().mode(ConvertOptions.Mode.ASSET).build());
    assertThat(toAsset.video().entity()).isEqualTo(entity);
    Asset a = asset(asset, entity);
    assertThat(a.references()).isEqualTo(packets.size());
    try (Mp4Demuxer d = Mp4Demuxer.open(a.blob(), "blob")) {
      SampleTable t = d.videoTrack().sampleTable();
      assertThat(t.size()).isEqualTo(packets.size());
      for (int i = 0; i < packets.size(); i++) {
        Packet p = packets.get(i);
        assertThat(t.ptsTicks(i)).as("pts %d", i).isEqualTo(p.pts());
        assertThat(t.dtsTicks(i)).as("dts %d", i).isEqualTo(p.dts());
        assertThat(t.durationTicks(i)).as("duration %d", i).isEqualTo(p.duration());
        assertThat(t.sizeBytes(i)).as("size %d", i).isEqualTo(p.size());
        assertThat(t.isKeyframe(i)).as("sync %d", i).isEqualTo(p.key());
      }
    }
  }

  // ---- the matrix itself ----

  @Test
  void onlyTheDocumentedPairsAreSupported() {
    for (MediaKind from : MediaKind.values()) {
      for (MediaKind to : MediaKind.values()) {
        boolean expected =
            to == MediaKind.RECORDING
                || (from == MediaKind.RECORDING
                    && to != MediaKind.RECORDING); // MP4, Annex B, OBU, IVF
        assertThat(Converter.supports(from, to)).as("%s -> %s", from, to).isEqualTo(expected);
      }
    }
  }

  @Test
  void anUnsupportedPairIsRefusedAndAFailedFileOutputIsRemoved() throws Exception {
    Path out = dir.resolve("copy.mp4");
    assertThatThrownBy(
            () ->
                Converter.convert(
                    ConvertInput.file(TestData.path("mp4/h264_base.mp4")),
                    ConvertOutput.file(out),
                    ConvertOptions.defaults()))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageStartingWith("converting MP4 to MP4 is not supported");
    assertThat(out).doesNotExist();
    Path rrd = dir.resolve("bframes.rrd");
    assertThatThrownBy(
            () ->
                Converter.convert(
                    ConvertInput.file(TestData.path("mp4/h264_bframes.mp4")),
                    ConvertOutput.file(rrd),
                    ConvertOptions.defaults()))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageContaining("B-frames");
    assertThat(rrd).doesNotExist();
  }

  @Test
  void anMp4OrARecordingCannotBeAStream() {
    assertThatThrownBy(
            () ->
                ConvertInput.stream(
                    TestData.open("mp4/h264_base.mp4"), MediaKind.MP4, "h264_base.mp4"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                ConvertOutput.stream(new ByteArrayOutputStream(), MediaKind.MP4)
                    .withTimestamps(new ByteArrayOutputStream()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---- fixture facts ----

  /** One row of an ffprobe packet table; times in the stream's time base, null for N/A. */
  record Packet(Long pts, Long dts, Long duration, int size, long pos, boolean key) {}

  static List<Packet> packets(String media) {
    String[] lines = TestData.text("expected/" + media + ".packets.csv").split("\n");
    assertThat(lines[0]).isEqualTo("pts,dts,duration,size,pos,flags");
    List<Packet> out = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].strip().split(",");
      out.add(
          new Packet(
              orNull(f[0]),
              orNull(f[1]),
              orNull(f[2]),
              Integer.parseInt(f[3]),
              Long.parseLong(f[4]),
              f[5].startsWith("K")));
    }
    return out;
  }

  private static Long orNull(String v) {
    return v.equals("N/A") ? null : Long.valueOf(v);
  }

  static JsonNode stream(String media) throws IOException {
    return new ObjectMapper()
        .readTree(TestData.bytes("expected/" + media + ".stream.json"))
        .get("streams")
        .get(0);
  }

  static JsonNode mcap(String name) throws IOException {
    return new ObjectMapper().readTree(TestData.bytes("rerun/" + name + ".mcap.json"));
  }

  static VideoCodec codecOf(JsonNode stream) {
    return switch (stream.get("codec_name").asText()) {
      case "h264" -> VideoCodec.H264;
      case "hevc" -> VideoCodec.H265;
      case "av1" -> VideoCodec.AV1;
      case "vp8" -> VideoCodec.VP8;
      case "vp9" -> VideoCodec.VP9;
      default -> throw new AssertionError(stream.get("codec_name"));
    };
  }

  /** The stream's time base as {numerator, denominator}. */
  static long[] timeBase(JsonNode stream) {
    String[] tb = stream.get("time_base").asText().split("/");
    return new long[] {Long.parseLong(tb[0]), Long.parseLong(tb[1])};
  }

  /** {@code ticks} of the time base in ns, rounded half away from zero. */
  static long nanos(long ticks, long[] timeBase) {
    BigInteger n =
        BigInteger.valueOf(ticks).multiply(BigInteger.valueOf(timeBase[0] * 1_000_000_000L));
    return new java.math.BigDecimal(n)
        .divide(new java.math.BigDecimal(timeBase[1]), 0, RoundingMode.HALF_UP)
        .longValueExact();
  }

  // ---- reading what was written ----

  /** A sample of a recording: time, bytes, declared keyframe flag. */
  record Sample(long time, byte[] bytes, boolean keyframe) {}

  static List<Sample> samples(Path rrd, EntityPath entity, String timeline) throws IOException {
    List<Sample> out = new ArrayList<>();
    try (RrdFile f = RrdFile.open(rrd);
        VideoStreamReader r = VideoStreamReader.open(f, entity, timeline)) {
      while (r.next()) {
        byte[] b = new byte[r.sampleSize()];
        r.sample().get(b);
        out.add(new Sample(r.time(), b, Boolean.TRUE.equals(r.keyframeDeclared())));
      }
    }
    return out;
  }

  /** An AssetVideo entity: its blob and how many frame references it has. */
  record Asset(byte[] blob, long references) {}

  static Asset asset(Path rrd, EntityPath entity) throws IOException {
    byte[] blob = null;
    long refs = 0;
    try (RrdFile f = RrdFile.open(rrd)) {
      for (ChunkIndexEntry e : f.chunks(entity)) {
        try (Chunk c = f.readChunk(e)) {
          AssetVideoChunk a = AssetVideoChunk.of(c);
          if (a != null) {
            ByteBuffer b = a.blob(0);
            blob = new byte[b.remaining()];
            b.get(blob);
          }
          VideoFrameReferenceChunk v = VideoFrameReferenceChunk.of(c);
          if (v != null) {
            refs += c.rowCount();
          }
        }
      }
    }
    assertThat(blob).as("AssetVideo blob of %s", entity).isNotNull();
    return new Asset(blob, refs);
  }

  // ---- NAL units, split here without the code under test ----

  private static byte[] copy(byte[] b, int len) {
    return Arrays.copyOf(b, len);
  }

  /** NAL units of an Annex B buffer (start codes and trailing zero bytes removed), as hex. */
  static List<String> annexBNals(byte[] b) {
    List<Integer> starts = new ArrayList<>();
    for (int i = 0; i + 2 < b.length; i++) {
      if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1) {
        starts.add(i + 3);
        i += 2;
      }
    }
    List<String> out = new ArrayList<>();
    for (int k = 0; k < starts.size(); k++) {
      int from = starts.get(k);
      int to = k + 1 < starts.size() ? starts.get(k + 1) - 3 : b.length;
      while (to > from && b[to - 1] == 0) {
        to--;
      }
      out.add(HexFormat.of().formatHex(b, from, to));
    }
    return out;
  }

  /** NAL units of a length-prefixed buffer, as hex. */
  static List<String> lengthPrefixedNals(byte[] b, int lengthSize) {
    List<String> out = new ArrayList<>();
    int p = 0;
    while (p + lengthSize <= b.length) {
      int n = 0;
      for (int i = 0; i < lengthSize; i++) {
        n = (n << 8) | (b[p + i] & 0xFF);
      }
      p += lengthSize;
      out.add(HexFormat.of().formatHex(b, p, p + n));
      p += n;
    }
    assertThat(p).as("length prefixes cover the sample").isEqualTo(b.length);
    return out;
  }

  /** The NAL units that are not parameter sets (H.264 SPS/PPS; H.265 VPS/SPS/PPS). */
  static List<String> withoutParameterSets(VideoCodec codec, List<String> nals) {
    List<String> out = new ArrayList<>();
    for (String n : nals) {
      int header = Integer.parseInt(n.substring(0, 2), 16);
      int type = codec == VideoCodec.H264 ? header & 0x1F : (header >> 1) & 0x3F;
      boolean ps = codec == VideoCodec.H264 ? type == 7 || type == 8 : type >= 32 && type <= 34;
      if (!ps) {
        out.add(n);
      }
    }
    return out;
  }
}
