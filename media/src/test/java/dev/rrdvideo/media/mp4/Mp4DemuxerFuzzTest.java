package dev.rrdvideo.media.mp4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.format.error.LimitExceededException;
import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.format.error.UnsupportedFeatureException;
import dev.rrdvideo.format.testing.FuzzContract;
import dev.rrdvideo.media.Mp4FormatException;
import dev.rrdvideo.media.SampleTable;
import dev.rrdvideo.testdata.TestData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded random mutations of real files: opening must either succeed (and then every sample of
 * every track reads back within the file) or throw {@link Mp4FormatException} (or a limit or
 * unsupported-feature error); never a runtime exception, an out-of-memory error, a hang or more
 * than {@link FuzzContract#CPU_LIMIT_NANOS} of CPU (twice). Each case prints its seed on failure;
 * rerun one with {@code -Dmp4.fuzz.seed=N -Dmp4.fuzz.iterations=1}.
 */
class Mp4DemuxerFuzzTest {
  private static final String[] FILES = {
    "realworld/mp4ff_prog_8s.mp4",
    "realworld/mp4ff_nallister_h264.mp4",
    "realworld/mp4ff_ed_hevc.mp4",
    "realworld/mp4ff_stereo_spatial.mp4",
    "realworld/mp4parse_hevc_white_frame.mp4",
    "realworld/mp4parse_tiny_av1.mp4",
    "realworld/mp4parse_video_rotation_90.mp4",
    "realworld/mp4parser_BBB_fixedres_B_180x320_80.mp4",
    "realworld/mp4parse_no_timescale.mp4",
    "realworld/mp4parse_zero_empty_stsc.mp4",
    "realworld/mp4parse_chunk_out_of_range.mp4",
    "realworld/mp4parse_test_case_1185230.mp4",
    "realworld/mp4parse_bipbop_nonfragment_header.mp4",
    "mp4/h264_fragmented.mp4",
    "mp4/h264_bframes.mp4",
    "mp4/h264_edit_delay.mp4",
    "mp4/h265_bframes.mp4",
    "mp4/av1.mp4",
    "mp4/vp9.mp4",
  };

  private static final long[] INTERESTING = {
    0,
    1,
    2,
    7,
    8,
    15,
    16,
    0x7F,
    0x80,
    0xFF,
    0x7FFF,
    0x8000,
    0xFFFF,
    0x7FFF_FFFFL,
    0x8000_0000L,
    0xFFFF_FFFFL,
    0xFFFF_FFFEL,
  };

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void mutatedFilesOpenOrFailWithAFormatError() throws Exception {
    long base = Long.getLong("mp4.fuzz.seed", 20250101L);
    int iterations = Integer.getInteger("mp4.fuzz.iterations", 4000);
    List<byte[]> originals = new ArrayList<>();
    List<int[]> metadata = new ArrayList<>();
    for (String f : FILES) {
      byte[] b = TestData.bytes(f);
      originals.add(b);
      metadata.add(metadataRanges(b));
    }
    int opened = 0;
    int failed = 0;
    for (int it = 0; it < iterations; it++) {
      long seed = base + it;
      Random r = new Random(seed);
      int which = r.nextInt(FILES.length);
      byte[] b = mutate(originals.get(which), metadata.get(which), r);
      boolean[] open = new boolean[1];
      try {
        // the shared contract also bounds the CPU time of the input (this thread's, run twice
        // when slow) and watches the Arrow allocator; exercise() handles the expected failures
        RrdVideoException unexpected = FuzzContract.check(() -> open[0] = exercise(b));
        if (unexpected != null) {
          throw unexpected;
        }
      } catch (Throwable t) {
        throw new AssertionError("seed " + seed + " (" + FILES[which] + "): unexpected " + t, t);
      }
      if (open[0]) {
        opened++;
      } else {
        failed++;
      }
    }
    // Both outcomes must occur, or the mutations are not reaching the parser.
    assertThat(opened).isPositive();
    assertThat(failed).isPositive();
  }

  /** Returns true if the file opened, false if it was rejected with a format error. */
  private static boolean exercise(byte[] b) throws Exception {
    Mp4Demuxer d;
    try {
      d = Mp4Demuxer.open(b, "fuzz.mp4");
    } catch (Mp4FormatException | UnsupportedFeatureException | LimitExceededException e) {
      assertThat(e.getMessage()).isNotEmpty();
      return false;
    }
    try (d) {
      for (Mp4Track t : d.tracks()) {
        SampleTable s = t.sampleTable();
        byte[] buf = new byte[t.maxSampleSizeBytes()];
        for (int i = 0; i < s.size(); i++) {
          assertThat(s.offsetBytes(i) + s.sizeBytes(i)).isLessThanOrEqualTo(b.length);
          assertThat(t.readSample(i, buf)).isEqualTo(s.sizeBytes(i));
        }
        t.toString();
        if (t.decoderConfig() != null) {
          DecoderConfig c = t.decoderConfig();
          assertThat(DecoderConfig.parse(c.boxType(), c.toBytes())).isEqualTo(c);
        }
      }
      try {
        d.videoTrack();
      } catch (UnsupportedFeatureException e) {
        assertThat(e.getMessage()).contains("video track");
      }
    }
    return true;
  }

  /** Offsets [start, end) of moov and moof boxes, where mutations matter most. */
  private static int[] metadataRanges(byte[] b) {
    List<Integer> r = new ArrayList<>();
    int p = 0;
    while (p + 8 <= b.length) {
      long size = BoxLocator.getInt(b, p);
      String type = new String(b, p + 4, 4, StandardCharsets.ISO_8859_1);
      if (size == 1 && p + 16 <= b.length) {
        size = java.nio.ByteBuffer.wrap(b).getLong(p + 8);
      } else if (size == 0) {
        size = b.length - p;
      }
      if (size < 8 || p + size > b.length) {
        break;
      }
      if (type.equals("moov") || type.equals("moof")) {
        r.add(p);
        r.add((int) (p + size));
      }
      p += (int) size;
    }
    return r.stream().mapToInt(Integer::intValue).toArray();
  }

  private static byte[] mutate(byte[] original, int[] ranges, Random r) {
    byte[] b = original.clone();
    int n = 1 + r.nextInt(4);
    for (int k = 0; k < n; k++) {
      int at;
      if (ranges.length > 0 && r.nextInt(10) < 9) {
        int range = r.nextInt(ranges.length / 2);
        int start = ranges[2 * range];
        at = start + r.nextInt(ranges[2 * range + 1] - start);
      } else {
        at = r.nextInt(b.length);
      }
      switch (r.nextInt(6)) {
        case 0 -> b[at] = (byte) r.nextInt(256);
        case 1 -> b[at] ^= (byte) (1 << r.nextInt(8));
        case 2 -> {
          if (at + 4 <= b.length) {
            BoxLocator.putInt(b, at & ~3, INTERESTING[r.nextInt(INTERESTING.length)]);
          }
        }
        case 3 -> {
          if (at + 4 <= b.length) {
            long v = BoxLocator.getInt(b, at) + (r.nextInt(33) - 16);
            BoxLocator.putInt(b, at, v);
          }
        }
        case 4 -> b[at] = (byte) (r.nextBoolean() ? 0 : 0xFF);
        default -> {
          if (r.nextInt(4) == 0) {
            b = Arrays.copyOf(b, Math.max(8, at)); // truncate
          } else {
            b[at] = 0;
          }
        }
      }
      if (ranges.length > 0 && b.length < original.length) {
        ranges = new int[0];
      }
    }
    return b;
  }

  @Test
  void mutatedConfigurationRecordsParseOrFailWithAFormatError() {
    long base = Long.getLong("mp4.fuzz.seed", 20250101L);
    String[][] boxes = {
      {"mp4ff_prog_8s.mp4", "moov/trak[1]/mdia/minf/stbl/stsd/avc1/avcC"},
      {"mp4ff_stereo_spatial.mp4", "moov/trak/mdia/minf/stbl/stsd/hvc1/hvcC"},
      {"mp4parse_tiny_av1.mp4", "moov/trak/mdia/minf/stbl/stsd/av01/av1C"},
    };
    for (int it = 0; it < 3000; it++) {
      long seed = base + it;
      Random r = new Random(seed);
      String[] fb = boxes[r.nextInt(boxes.length)];
      byte[] file = TestData.bytes("realworld/" + fb[0]);
      int box = BoxLocator.find(file, fb[1]);
      byte[] payload = Arrays.copyOfRange(file, box + 8, box + (int) BoxLocator.getInt(file, box));
      int k = 1 + r.nextInt(3);
      for (int j = 0; j < k; j++) {
        int at = r.nextInt(payload.length);
        if (r.nextInt(5) == 0) {
          payload = Arrays.copyOf(payload, at);
          if (payload.length == 0) {
            break;
          }
        } else {
          payload[at] = (byte) r.nextInt(256);
        }
      }
      String type = fb[1].substring(fb[1].length() - 4);
      try {
        DecoderConfig c = DecoderConfig.parse(type, payload);
        assertThat(DecoderConfig.parse(type, c.toBytes())).isEqualTo(c);
      } catch (Mp4FormatException expected) {
        assertThat(expected.offset()).isBetween(0L, (long) payload.length);
      } catch (Throwable t) {
        throw new AssertionError("seed " + seed + " (" + fb[1] + "): unexpected " + t, t);
      }
    }
  }
}
