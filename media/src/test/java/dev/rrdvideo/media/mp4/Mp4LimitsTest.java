package dev.rrdvideo.media.mp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rrdvideo.format.error.LimitExceededException;
import dev.rrdvideo.media.MediaLimits;
import dev.rrdvideo.media.Mp4FormatException;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One test per MP4 limit of docs/limits.md (the metadata box size and the sample count are tested
 * in {@code Mp4DemuxerMalformedTest.configuredLimitsApply}): each is refused with a typed error
 * before memory is allocated for it, quickly.
 */
@Timeout(10)
class Mp4LimitsTest {
  private static final String BASE = "mp4/h264_base.mp4";

  @Test
  void defaultsAreTheDocumentedOnes() {
    Mp4Demuxer.Limits d = Mp4Demuxer.Limits.DEFAULT;
    assertThat(d.maxMetadataBoxBytes()).isEqualTo(256 << 20);
    assertThat(d.maxSamplesPerTrack()).isEqualTo(5_000_000);
    assertThat(d.maxSampleBytes()).isEqualTo(256 << 20);
    assertThat(MediaLimits.MAX_ABS_TIME_NANOS).isEqualTo(4_000_000_000_000_000_000L);
  }

  @Test
  void aSampleLargerThanTheLimitIsRefusedAtItsSizeEntry() throws Exception {
    byte[] b = TestData.bytes(BASE);
    // expected/h264_base.mp4.packets.csv (ffprobe): sample 0 has 2219 bytes
    assertThatThrownBy(
            () ->
                Mp4Demuxer.open(
                        new dev.rrdvideo.media.mp4.internal.ByteBufferChannel(
                            java.nio.ByteBuffer.wrap(b)),
                        "x.mp4",
                        new Mp4Demuxer.Limits(1 << 20, 1000, 1000))
                    .close())
        .isInstanceOfSatisfying(
            LimitExceededException.class,
            e -> {
              assertThat(e.requested()).isEqualTo(2219);
              assertThat(e.allowed()).isEqualTo(1000);
              int stsz = BoxLocator.payload(b, "moov/trak/mdia/minf/stbl/stsz");
              assertThat(e.offset()).isEqualTo(stsz + 12); // version/flags, size, count, entry 0
              assertThat(e.getOriginalMessage()).startsWith("MP4 sample 0 of track 1 too large");
            });
  }

  @Test
  void aFragmentSampleLargerThanTheLimitIsRefused() throws Exception {
    byte[] b = TestData.bytes("mp4/h264_fragmented.mp4");
    assertThatThrownBy(
            () ->
                Mp4Demuxer.open(
                        new dev.rrdvideo.media.mp4.internal.ByteBufferChannel(
                            java.nio.ByteBuffer.wrap(b)),
                        "x.mp4",
                        new Mp4Demuxer.Limits(1 << 20, 1000, 1000))
                    .close())
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("MP4 sample 0 of track 1 too large");
  }

  @Test
  void anEntryCountBeyondItsBoxIsRefusedBeforeAllocation() throws Exception {
    byte[] b = TestData.bytes(BASE).clone();
    int stts = BoxLocator.payload(b, "moov/trak/mdia/minf/stbl/stts");
    BoxLocator.putInt(b, stts + 4, 0xFFFF_FFFFL); // 4 billion entries of 8 bytes
    assertThatThrownBy(() -> Mp4Demuxer.open(b, "x.mp4").close())
        .isInstanceOf(Mp4FormatException.class)
        .hasMessageContaining("stts entry_count");
  }

  @Test
  void decodeTimesBeyondTheTimeRangeAreRefused() throws Exception {
    byte[] b = TestData.bytes(BASE).clone();
    int mdhd = BoxLocator.payload(b, "moov/trak/mdia/mdhd");
    BoxLocator.putInt(b, mdhd + 12, 1); // timescale 1 tick per second (version 0 mdhd)
    int stts = BoxLocator.payload(b, "moov/trak/mdia/minf/stbl/stts");
    assertThat(BoxLocator.getInt(b, stts + 4)).isEqualTo(1); // one run of 30 samples
    BoxLocator.putInt(b, stts + 12, 0xFFFF_FFFFL); // each lasting 2^32 s: sample 1 at 136 years
    assertThatThrownBy(() -> Mp4Demuxer.open(b, "x.mp4").close())
        .isInstanceOf(Mp4FormatException.class)
        .hasMessageStartingWith("duration of sample 0 of track 1: expected 0..4000000000 ticks");
  }

  @Test
  void aTimescaleOf0IsRefused() throws Exception {
    byte[] b = TestData.bytes(BASE).clone();
    int mdhd = BoxLocator.payload(b, "moov/trak/mdia/mdhd");
    BoxLocator.putInt(b, mdhd + 12, 0);
    assertThatThrownBy(() -> Mp4Demuxer.open(b, "x.mp4").close())
        .isInstanceOf(Mp4FormatException.class)
        .hasMessageContaining("mdhd timescale: expected > 0, found 0");
  }

  @Test
  void anEditMediaTimeBeyondTheTimeRangeIsRefused() throws Exception {
    byte[] b = TestData.bytes("mp4/h264_edit_delay.mp4").clone();
    int elst = BoxLocator.payload(b, "moov/trak/edts/elst");
    int version = b[elst] & 0xFF;
    assertThat(version).isZero(); // entries of u32 duration, i32 media time, rates
    int entries = (int) BoxLocator.getInt(b, elst + 4);
    int last = elst + 8 + (entries - 1) * 12;
    BoxLocator.putInt(b, last + 4, 0x7FFF_FFFFL); // media time 2^31-1 ticks...
    int mdhd = BoxLocator.payload(b, "moov/trak/mdia/mdhd");
    BoxLocator.putInt(b, mdhd + 12, 1); // ...of one second each: 68 years, fine
    Mp4Demuxer.open(b, "x.mp4").close();
    // the same with a 64-bit media time far beyond: rebuild as a version-1 elst is long; instead
    // the segment durations: make the total exceed the movie's range
    int mvhd = BoxLocator.payload(b, "moov/mvhd");
    BoxLocator.putInt(b, mvhd + 12, 1); // movie timescale 1
    BoxLocator.putInt(b, last, 0xFFFF_FFFFL); // 136 years
    assertThatThrownBy(() -> Mp4Demuxer.open(b, "x.mp4").close())
        .isInstanceOf(Mp4FormatException.class)
        .hasMessageStartingWith("elst segment_duration of entry " + (entries - 1));
  }

  @Test
  void hvcCNalUnitCountsBeyondTheRecordAreRefusedBeforeAllocation() {
    ByteArrayOutputStream p = new ByteArrayOutputStream();
    p.writeBytes(new byte[22]); // the fixed part of the record, zeros
    p.write(1); // numOfArrays
    p.write(0x21); // array of SPS
    p.write(0xFF); // numNalus 65535 ...
    p.write(0xFF);
    p.writeBytes(new byte[] {0, 2, 0x42, 0x01}); // ... but room for one
    byte[] payload = p.toByteArray();
    payload[21] = 3; // lengthSizeMinusOne 3
    assertThatThrownBy(() -> HevcConfig.parse(payload))
        .isInstanceOf(Mp4FormatException.class)
        .hasMessageContaining(
            "hvcC numNalus: expected at most 2 NAL units in the rest of the record,"
                + " found 65535");
  }

  @Test
  void deeplyNestedBoxesDoNotRecurse() throws Exception {
    // moov holding 100,000 nested 'udta' boxes: the parser reads only the boxes it knows, by
    // structure, so nesting costs no stack
    int depth = 100_000;
    ByteBuffer b = ByteBuffer.allocate(8 * (depth + 1));
    for (int i = 0; i <= depth; i++) {
      b.putInt(8 * (depth + 1 - i));
      b.put((i == 0 ? "moov" : "udta").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    try (Mp4Demuxer d = Mp4Demuxer.open(b.array(), "deep.mp4")) {
      assertThat(d.tracks()).isEmpty();
    }
  }
}
