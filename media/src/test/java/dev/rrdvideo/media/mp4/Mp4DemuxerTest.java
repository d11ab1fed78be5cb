package dev.rrdvideo.media.mp4;

import static dev.rrdvideo.media.mp4.BoxLocator.find;
import static dev.rrdvideo.media.mp4.BoxLocator.payload;
import static dev.rrdvideo.media.mp4.BoxLocator.putInt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rrdvideo.format.error.UnsupportedFeatureException;
import dev.rrdvideo.media.Mp4FormatException;
import dev.rrdvideo.media.SampleTable;
import dev.rrdvideo.testdata.TestData;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Box-level variants of real files that must read the same: size 0, stz2, channels. */
class Mp4DemuxerTest {
  private static final String PROG = "realworld/mp4ff_prog_8s.mp4";

  private static SampleTable videoTable(byte[] file) throws Exception {
    try (Mp4Demuxer d = Mp4Demuxer.open(file, "test.mp4")) {
      return d.videoTrack().sampleTable();
    }
  }

  private static void assertSameTable(SampleTable a, SampleTable b) {
    assertThat(b.size()).isEqualTo(a.size());
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.dtsTicks(i)).isEqualTo(a.dtsTicks(i));
      assertThat(b.ptsTicks(i)).isEqualTo(a.ptsTicks(i));
      assertThat(b.durationTicks(i)).isEqualTo(a.durationTicks(i));
      assertThat(b.sizeBytes(i)).isEqualTo(a.sizeBytes(i));
      assertThat(b.offsetBytes(i)).isEqualTo(a.offsetBytes(i));
      assertThat(b.isKeyframe(i)).isEqualTo(a.isKeyframe(i));
    }
  }

  @Test
  void lastBoxWithSizeZeroExtendsToTheEndOfTheFile() throws Exception {
    byte[] b = TestData.bytes(PROG); // mdat is the last box
    SampleTable expected = videoTable(b);
    putInt(b, find(b, "mdat"), 0);
    assertSameTable(expected, videoTable(b));

    byte[] av1 = TestData.bytes("realworld/mp4parse_tiny_av1.mp4"); // moov is the last box
    SampleTable av1Expected = videoTable(av1);
    putInt(av1, find(av1, "moov"), 0);
    assertSameTable(av1Expected, videoTable(av1));
  }

  @Test
  void compactSampleSizesReadLikeStsz() throws Exception {
    byte[] b = TestData.bytes(PROG);
    SampleTable expected = videoTable(b);
    // Rewrite the video stsz (240 32-bit sizes) in place as stz2 with 16-bit fields; the bytes
    // after the 480 bytes of fields stay inside the box and are ignored.
    int box = find(b, "moov/trak[1]/mdia/minf/stbl/stsz");
    int p = box + 8;
    b[box + 6] = 'z';
    b[box + 7] = '2';
    putInt(b, p + 4, 16); // reserved (24 bits) 0, field_size 16
    putInt(b, p + 8, expected.size()); // sample_count
    for (int i = 0; i < expected.size(); i++) {
      int s = expected.sizeBytes(i);
      assertThat(s).isLessThan(1 << 16);
      b[p + 12 + 2 * i] = (byte) (s >>> 8);
      b[p + 13 + 2 * i] = (byte) s;
    }
    assertSameTable(expected, videoTable(b));

    putInt(b, p + 4, 12); // field_size 12: not allowed
    assertThatThrownBy(() -> videoTable(b))
        .isInstanceOf(Mp4FormatException.class)
        .hasMessageContaining("stz2 field_size: expected 4, 8 or 16, found 12");
  }

  @Test
  void pathAndChannelAndArrayGiveTheSameResult(@TempDir Path dir) throws Exception {
    byte[] b = TestData.bytes(PROG);
    Path f = dir.resolve("a.mp4");
    Files.write(f, b);
    SampleTable fromArray = videoTable(b);
    try (Mp4Demuxer d = Mp4Demuxer.open(f)) {
      assertSameTable(fromArray, d.videoTrack().sampleTable());
      assertThat(d.sourceName()).isEqualTo("a.mp4");
      assertThat(d.fileSizeBytes()).isEqualTo(b.length);
    }
    try (SeekableByteChannel ch = Files.newByteChannel(f, StandardOpenOption.READ);
        Mp4Demuxer d = Mp4Demuxer.open(ch, "<chan>")) {
      Mp4Track t = d.videoTrack();
      assertSameTable(fromArray, t.sampleTable());
      byte[] buf = new byte[t.maxSampleSizeBytes()];
      int n = t.readSample(5, buf);
      long off = t.sampleTable().offsetBytes(5);
      assertThat(java.util.Arrays.equals(buf, 0, n, b, (int) off, (int) off + n)).isTrue();
    }
  }

  @Test
  void readAfterCloseIsAnIllegalState() throws Exception {
    Mp4Demuxer d = Mp4Demuxer.open(TestData.path(PROG));
    Mp4Track t = d.videoTrack();
    d.close();
    assertThatThrownBy(() -> t.readSample(0, new byte[t.maxSampleSizeBytes()]))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void callerBufferTooSmallIsAnIllegalArgument() throws Exception {
    try (Mp4Demuxer d = Mp4Demuxer.open(TestData.path(PROG))) {
      Mp4Track t = d.videoTrack();
      assertThatThrownBy(() -> t.readSample(0, new byte[10]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("dst holds 10 bytes, sample 0 has 3130");
      assertThatThrownBy(() -> t.readSample(240, new byte[10]))
          .isInstanceOf(IndexOutOfBoundsException.class);
    }
  }

  @Test
  void fileWithoutVideoTrackNamesItsTracks() throws Exception {
    byte[] b = TestData.bytes(PROG);
    int hdlr = payload(b, "moov/trak[1]/mdia/hdlr");
    b[hdlr + 8] = 'x'; // handler "vide" -> "xide"
    try (Mp4Demuxer d = Mp4Demuxer.open(b, "x.mp4")) {
      assertThatThrownBy(d::videoTrack)
          .isInstanceOf(UnsupportedFeatureException.class)
          .hasMessageContaining("found track 1 soun/mp4a, track 2 xide/avc1");
      assertThat(d.track(2).orElseThrow().codec()).isNotNull();
    }
  }

  @Test
  void lowestSupportedVideoTrackIdWins() throws Exception {
    byte[] b = TestData.bytes("realworld/mp4ff_ed_hevc.mp4");
    // swap the track ids: video 1 -> 5; audio stays 2
    int tkhd = payload(b, "moov/trak[0]/tkhd");
    putInt(b, tkhd + 12, 5); // tkhd v0: version/flags, creation, modification, >track_ID<
    try (Mp4Demuxer d = Mp4Demuxer.open(b, "x.mp4")) {
      assertThat(d.videoTrack().trackId()).isEqualTo(5);
      assertThat(d.track(1)).isEmpty();
    }
  }
}
