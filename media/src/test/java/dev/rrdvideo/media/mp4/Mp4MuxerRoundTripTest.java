package dev.rrdvideo.media.mp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.format.error.UnsupportedFeatureException;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.media.SampleTable;
import dev.rrdvideo.media.Timescale;
import dev.rrdvideo.testdata.Ffprobe;
import dev.rrdvideo.testdata.Fixtures;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * demux -> mux -> demux on every real-world MP4 that can be read (the others are refused): the same
 * sample bytes, sizes, sync flags, decode and presentation times, configuration, dimensions and
 * edit list; and the written boxes are in the promised order with the promised brands.
 */
class Mp4MuxerRoundTripTest {

  /**
   * The real-world MP4s that cannot be round-tripped, with the reason; {@link
   * #othersAreRefusedWithATypedError} proves each is refused. Every other real-world MP4 of the
   * manifest is round-tripped, so a fixture added later is covered without an edit here.
   */
  private static final Map<String, String> REFUSED =
      Map.of(
          "realworld/mp4parse_chunk_out_of_range.mp4", "stsc names a chunk that stco lacks",
          "realworld/mp4parse_test_case_1185230.mp4", "fuzzer-found: absurd timescale, bad sizes",
          "realworld/mp4parse_bipbop_nonfragment_header.mp4", "moov without its mdat",
          "realworld/mp4parse_zero_empty_stsc.mp4", "empty sample-to-chunk table");

  static List<String> roundTripped() {
    return Fixtures.realWorldMp4().stream().filter(n -> !REFUSED.containsKey(n)).toList();
  }

  static List<String> refused() {
    return List.copyOf(new java.util.TreeSet<>(REFUSED.keySet()));
  }

  @ParameterizedTest
  @MethodSource("refused")
  void othersAreRefusedWithATypedError(String file) {
    assertThat(Fixtures.realWorldMp4()).contains(file);
    assertThatThrownBy(
            () -> {
              try (Mp4Demuxer d = Mp4Demuxer.open(TestData.path(file))) {
                Mp4Track t = d.videoTrack();
                byte[] buf = new byte[t.maxSampleSizeBytes()];
                for (int i = 0; i < t.sampleTable().size(); i++) {
                  t.readSample(i, buf);
                }
              }
            })
        .as(REFUSED.get(file))
        .isInstanceOf(RrdVideoException.class);
  }

  @ParameterizedTest
  @MethodSource("roundTripped")
  void roundTripKeepsSamplesTimesAndEdits(String file) throws Exception {
    try (Mp4Demuxer src = Mp4Demuxer.open(TestData.path(file))) {
      Mp4Track in = src.videoTrack();
      // the round trip starts from the whole track: as many samples as ffprobe read
      assertThat(in.sampleTable().size())
          .isPositive()
          .isEqualTo(Ffprobe.track(file, in.trackId()).packets().size());
      Mp4Muxer.Builder b =
          Mp4Muxer.builder(in.decoderConfig(), in.widthPixels(), in.heightPixels())
              .sampleEntryType(in.sampleEntryType())
              .displayMatrix(in.displayMatrix());
      if (src.movieTimescale().isPresent()) {
        b.editList(src.movieTimescale().get(), in.edits());
      }
      byte[] out = write(b.build(), in);
      try (Mp4Demuxer dst = Mp4Demuxer.open(out, "out.mp4")) {
        assertThat(dst.tracks()).hasSize(1);
        Mp4Track o = dst.videoTrack();
        assertSameSamples(in, o);
        assertThat(o.decoderConfig()).isEqualTo(in.decoderConfig());
        assertThat(o.sampleEntryType()).isEqualTo(in.sampleEntryType());
        assertThat(o.widthPixels()).isEqualTo(in.widthPixels());
        assertThat(o.heightPixels()).isEqualTo(in.heightPixels());
        assertThat(o.timescale()).isEqualTo(in.timescale());
        assertThat(o.displayMatrix()).isEqualTo(in.displayMatrix());
        if (src.movieTimescale().isPresent()) {
          assertThat(dst.movieTimescale()).isEqualTo(src.movieTimescale());
          assertThat(o.edits()).isEqualTo(in.edits());
        }
        assertThat(dst.isFragmented()).isFalse();
        assertThat(dst.majorBrand()).isEqualTo("isom");
        assertThat(dst.compatibleBrands()).startsWith("isom").contains("mp41");
        if (in.codec() == VideoCodec.AV1) {
          assertThat(dst.compatibleBrands()).contains("av01");
        }
        boolean negative = false;
        for (int i = 0; i < o.sampleTable().size(); i++) {
          negative |= o.sampleTable().ptsTicks(i) < o.sampleTable().dtsTicks(i);
        }
        assertThat(dst.compatibleBrands()).contains(negative ? "iso6" : "iso2");
      }
      assertLayout(out);
    }
  }

  static byte[] write(Mp4Muxer muxer, Mp4Track in) throws Exception {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    long n = muxer.write(in.sampleTable(), in::readSample, bos);
    assertThat(n).isEqualTo(bos.size());
    return bos.toByteArray();
  }

  static void assertSameSamples(Mp4Track in, Mp4Track out) throws Exception {
    SampleTable a = in.sampleTable();
    SampleTable b = out.sampleTable();
    assertThat(b.size()).isEqualTo(a.size());
    byte[] x = new byte[in.maxSampleSizeBytes()];
    byte[] y = new byte[out.maxSampleSizeBytes()];
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.sizeBytes(i)).as("size %d", i).isEqualTo(a.sizeBytes(i));
      assertThat(b.isKeyframe(i)).as("key %d", i).isEqualTo(a.isKeyframe(i));
      assertThat(b.dtsTicks(i)).as("dts %d", i).isEqualTo(a.dtsTicks(i));
      assertThat(b.ptsTicks(i)).as("pts %d", i).isEqualTo(a.ptsTicks(i));
      assertThat(b.durationTicks(i)).as("duration %d", i).isEqualTo(a.durationTicks(i));
      int n = in.readSample(i, x);
      int m = out.readSample(i, y);
      assertThat(Arrays.equals(x, 0, n, y, 0, m)).as("bytes of sample %d", i).isTrue();
    }
  }

  /** ftyp, moov, mdat in this order and nothing else; mdat holds exactly the samples. */
  private static void assertLayout(byte[] out) {
    assertThat(type(out, 0)).isEqualTo("ftyp");
    int moov = (int) BoxLocator.getInt(out, 0);
    assertThat(type(out, moov)).isEqualTo("moov");
    int mdat = moov + (int) BoxLocator.getInt(out, moov);
    assertThat(type(out, mdat)).isEqualTo("mdat");
    assertThat(mdat + BoxLocator.getInt(out, mdat)).isEqualTo(out.length);
    assertThat(BoxLocator.find(out, "moov/trak/mdia/minf/vmhd")).isPositive();
    assertThat(BoxLocator.find(out, "moov/trak/mdia/minf/dinf/dref")).isPositive();
  }

  private static String type(byte[] b, int at) {
    return new String(b, at + 4, 4, StandardCharsets.ISO_8859_1);
  }

  // ------------------------------------------------------------------ automatic edit lists

  @Test
  void automaticEditListForAPositiveStartIsAnEmptyEditThenTheMedia() throws Exception {
    // ed_hevc: dts starts at 0, the first presented sample has pts 7200 (B-frame delay).
    try (Mp4Demuxer src = Mp4Demuxer.open(TestData.path("realworld/mp4ff_ed_hevc.mp4"))) {
      Mp4Track in = src.videoTrack();
      byte[] out = write(Mp4Muxer.builder(in.decoderConfig(), 640, 360).build(), in);
      try (Mp4Demuxer dst = Mp4Demuxer.open(out, "out.mp4")) {
        Mp4Track o = dst.videoTrack();
        assertSameSamples(in, o);
        assertThat(dst.movieTimescale()).contains(Timescale.of(90000));
        // 27 samples of 3600 ticks; presentation ends at max(pts + delta)
        long end = 0;
        for (int i = 0; i < 27; i++) {
          end = Math.max(end, in.sampleTable().ptsTicks(i) + 3600);
        }
        assertThat(o.edits())
            .containsExactly(EditListEntry.empty(7200), EditListEntry.of(end - 7200, 7200));
        assertThat(o.sampleEntryType()).isEqualTo("hvc1"); // complete VPS/SPS/PPS arrays
      }
    }
  }

  @Test
  void noEditListWhenTheTableStartsAtZero() throws Exception {
    try (Mp4Demuxer src = Mp4Demuxer.open(TestData.path("realworld/mp4parse_tiny_av1.mp4"))) {
      Mp4Track in = src.videoTrack();
      byte[] out = write(Mp4Muxer.builder(in.decoderConfig(), 64, 64).build(), in);
      assertThatThrownBy(() -> BoxLocator.find(out, "moov/trak/edts"))
          .isInstanceOf(IllegalArgumentException.class);
      try (Mp4Demuxer dst = Mp4Demuxer.open(out, "out.mp4")) {
        assertThat(dst.videoTrack().edits()).isEmpty();
        assertThat(dst.movieDuration()).isEqualTo(512);
      }
    }
  }

  @Test
  void shiftedTableWithNegativeDecodeTimesGetsAMediaTimeEdit() throws Exception {
    // A table as a recording would give it: pts from 0, dts = pts order minus a 2-frame delay,
    // so dts starts at -2 frames. Written: media times from 0, edit media_time 2 frames.
    try (Mp4Demuxer src =
        Mp4Demuxer.open(TestData.path("realworld/mp4parser_BBB_fixedres_B_180x320_80.mp4"))) {
      Mp4Track in = src.videoTrack();
      SampleTable t = in.sampleTable();
      long shift = t.ptsTicks(0); // 2 ticks at 8 Hz: the first sample's composition offset
      SampleTable.Builder b = SampleTable.builder(t.timescale(), t.codec());
      for (int i = 0; i < t.size(); i++) {
        b.add(
            t.dtsTicks(i) - shift,
            t.ptsTicks(i) - shift,
            t.durationTicks(i),
            t.sizeBytes(i),
            -1,
            t.isKeyframe(i));
      }
      SampleTable shifted = b.build();
      assertThat(shifted.dtsTicks(0)).isEqualTo(-2);
      ByteArrayOutputStream bos = new ByteArrayOutputStream();
      Mp4Muxer.builder(in.decoderConfig(), 180, 102).build().write(shifted, in::readSample, bos);
      try (Mp4Demuxer dst = Mp4Demuxer.open(bos.toByteArray(), "out.mp4")) {
        Mp4Track o = dst.videoTrack();
        assertSameSamples(in, o); // media times are the source's again
        assertThat(o.edits()).containsExactly(EditListEntry.of(80, 2));
      }
    }
  }

  // ------------------------------------------------------------------ timescales

  @Test
  void timescaleAbove32BitsIsReducedExactly() throws Exception {
    // 90 kHz times scaled by 100000 give a 9 GHz timescale: not storable in mdhd, but every
    // value is a multiple of 100000 ticks, so an exactly equivalent timescale exists.
    try (Mp4Demuxer src = Mp4Demuxer.open(TestData.path("realworld/mp4ff_prog_8s.mp4"))) {
      Mp4Track in = src.videoTrack();
      SampleTable t = in.sampleTable();
      long k = 100_000;
      SampleTable.Builder b = SampleTable.builder(Timescale.of(90_000 * k), t.codec());
      for (int i = 0; i < t.size(); i++) {
        b.add(
            t.dtsTicks(i) * k,
            t.ptsTicks(i) * k,
            t.durationTicks(i) * k,
            t.sizeBytes(i),
            -1,
            t.isKeyframe(i));
      }
      ByteArrayOutputStream bos = new ByteArrayOutputStream();
      Mp4Muxer.builder(in.decoderConfig(), 640, 360).build().write(b.build(), in::readSample, bos);
      try (Mp4Demuxer dst = Mp4Demuxer.open(bos.toByteArray(), "out.mp4")) {
        Mp4Track o = dst.videoTrack();
        // gcd(9e9, 3000e5, ...) = 3000e5 -> 30 ticks per second, times divided accordingly
        long g = 90_000 * k / o.timescale().ticksPerSecond();
        for (int i = 0; i < t.size(); i++) {
          assertThat(o.sampleTable().dtsTicks(i) * g).isEqualTo(t.dtsTicks(i) * k);
          assertThat(o.sampleTable().ptsTicks(i) * g).isEqualTo(t.ptsTicks(i) * k);
          assertThat(o.sampleTable().ptsNanos(i)).isEqualTo(t.ptsNanos(i));
        }
        assertThat(o.timescale().ticksPerSecond()).isEqualTo(30);
      }
    }
  }

  @Test
  void unrepresentableTimesAreRefused() throws Exception {
    // A decode gap of 5 s at 1 GHz does not fit stts' 32 bits, and 1 ns steps leave no divisor.
    SampleTable.Builder b = SampleTable.builder(Timescale.NANOS, VideoCodec.AV1);
    b.add(0, 0, 1, 1, -1, true);
    b.add(1, 1, 5_000_000_000L, 1, -1, true);
    b.add(5_000_000_001L, 5_000_000_001L, 1, 1, -1, true);
    Av1Config cfg = Av1Config.parse(new byte[] {(byte) 0x81, 0, 0x0c, 0});
    Mp4Muxer m = Mp4Muxer.builder(cfg, 16, 16).build();
    assertThatThrownBy(() -> m.write(b.build(), (i, dst) -> 1, OutputStream.nullOutputStream()))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageContaining("decode deltas below 2^32");
  }

  @Test
  void sourceReturningTheWrongSizeIsACallerError() throws Exception {
    try (Mp4Demuxer src = Mp4Demuxer.open(TestData.path("realworld/mp4parse_tiny_av1.mp4"))) {
      Mp4Track in = src.videoTrack();
      Mp4Muxer m = Mp4Muxer.builder(in.decoderConfig(), 64, 64).build();
      assertThatThrownBy(
              () -> m.write(in.sampleTable(), (i, dst) -> 3, OutputStream.nullOutputStream()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("returned 3 bytes for sample 0, the table says 1650");
    }
  }

  @Test
  void builderRejectsMismatchedEntries() throws Exception {
    Av1Config cfg = Av1Config.parse(new byte[] {(byte) 0x81, 0, 0x0c, 0});
    assertThatThrownBy(() -> Mp4Muxer.builder(cfg, 16, 16).sampleEntryType("avc1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Mp4Muxer.builder(cfg, 0, 16))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ------------------------------------------------------------------ beyond 4 GiB

  @Test
  void filesOver4GiBUseCo64AndALargesizeMdat(@TempDir Path dir) throws Exception {
    // 4400 samples of 1 MiB = 4.3 GiB of media data. The muxer's output is captured up to the
    // start of mdat's payload; the file is then recreated sparse with that header, so the
    // demuxer sees real 64-bit offsets without 4 GiB of disk.
    int n = 4400;
    int size = 1 << 20;
    SampleTable.Builder b = SampleTable.builder(Timescale.of(30), VideoCodec.AV1);
    for (int i = 0; i < n; i++) {
      b.add(i, i, 1, size, -1, i % 30 == 0);
    }
    SampleTable table = b.build();
    Av1Config cfg = Av1Config.parse(new byte[] {(byte) 0x81, 0, 0x0c, 0});
    HeadCapture head = new HeadCapture(1 << 20);
    long total = Mp4Muxer.builder(cfg, 16, 16).build().write(table, (i, dst) -> size, head);
    assertThat(total).isEqualTo(head.count).isGreaterThan(1L << 32);
    byte[] h = head.bytes();
    int moov = (int) BoxLocator.getInt(h, 0);
    int mdat = moov + (int) BoxLocator.getInt(h, moov);
    assertThat(BoxLocator.getInt(h, mdat)).isEqualTo(1); // largesize follows
    assertThat(BoxLocator.find(h, "moov/trak/mdia/minf/stbl/co64")).isPositive();

    Path f = dir.resolve("big.mp4");
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
      raf.setLength(total);
      raf.write(h, 0, mdat + 16);
    }
    try (Mp4Demuxer d = Mp4Demuxer.open(f)) {
      SampleTable t = d.videoTrack().sampleTable();
      assertThat(t.size()).isEqualTo(n);
      assertThat(t.offsetBytes(n - 1)).isEqualTo(total - size).isGreaterThan(1L << 32);
      assertThat(t.keyframeCount()).isEqualTo((n + 29) / 30);
      byte[] buf = new byte[size];
      assertThat(d.videoTrack().readSample(n - 1, buf)).isEqualTo(size);
    }
    Files.delete(f);
  }

  /** Counts all bytes, keeps the first {@code keep}. */
  private static final class HeadCapture extends OutputStream {
    private final byte[] head;
    private long count;

    HeadCapture(int keep) {
      head = new byte[keep];
    }

    @Override
    public void write(int b) {
      if (count < head.length) {
        head[(int) count] = (byte) b;
      }
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (count < head.length) {
        int n = (int) Math.min(len, head.length - count);
        System.arraycopy(b, off, head, (int) count, n);
      }
      count += len;
    }

    byte[] bytes() {
      return Arrays.copyOf(head, (int) Math.min(count, head.length));
    }
  }

  @Test
  void chunksStartAtKeyframesAndHoldAtMostTheConfiguredSamples() throws Exception {
    try (Mp4Demuxer src = Mp4Demuxer.open(TestData.path("realworld/mp4ff_prog_8s.mp4"))) {
      Mp4Track in = src.videoTrack();
      byte[] out =
          write(Mp4Muxer.builder(in.decoderConfig(), 640, 360).maxSamplesPerChunk(7).build(), in);
      // stco entries are the first sample of each chunk: check against the keyframes
      int stco = BoxLocator.payload(out, "moov/trak/mdia/minf/stbl/stco");
      int chunks = (int) BoxLocator.getInt(out, stco + 4);
      try (Mp4Demuxer dst = Mp4Demuxer.open(out, "out.mp4")) {
        SampleTable t = dst.videoTrack().sampleTable();
        int c = 0;
        int inChunk = 0;
        for (int i = 0; i < t.size(); i++) {
          boolean starts =
              c < chunks && t.offsetBytes(i) == BoxLocator.getInt(out, stco + 8 + 4 * c);
          if (t.isKeyframe(i) || inChunk == 7) {
            assertThat(starts).as("chunk starts at sample %d", i).isTrue();
          }
          if (starts) {
            c++;
            inChunk = 0;
          }
          inChunk++;
          assertThat(inChunk).isLessThanOrEqualTo(7);
        }
        assertThat(c).isEqualTo(chunks);
      }
    }
  }

  @Test
  void writesToAFile(@TempDir Path dir) throws Exception {
    try (Mp4Demuxer src = Mp4Demuxer.open(TestData.path("realworld/mp4ff_nallister_h264.mp4"))) {
      Mp4Track in = src.videoTrack();
      Path f = dir.resolve("o.mp4");
      long n =
          Mp4Muxer.builder(in.decoderConfig(), 1920, 1080)
              .compressorName("test")
              .build()
              .write(in.sampleTable(), in::readSample, f);
      assertThat(Files.size(f)).isEqualTo(n);
      try (Mp4Demuxer dst = Mp4Demuxer.open(f)) {
        assertSameSamples(in, dst.videoTrack());
        assertThat(dst.videoTrack().edits()).hasSize(2); // pts start 512 > 0: empty edit + media
        assertThat(List.of(dst.videoTrack().edits().get(0).isEmpty())).containsExactly(true);
      }
    }
  }
}
