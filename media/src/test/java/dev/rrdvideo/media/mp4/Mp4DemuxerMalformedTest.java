package dev.rrdvideo.media.mp4;

import static dev.rrdvideo.media.mp4.BoxLocator.find;
import static dev.rrdvideo.media.mp4.BoxLocator.payload;
import static dev.rrdvideo.media.mp4.BoxLocator.putInt;
import static dev.rrdvideo.media.mp4.BoxLocator.putLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rrdvideo.format.error.LimitExceededException;
import dev.rrdvideo.media.Mp4FormatException;
import dev.rrdvideo.testdata.TestData;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken MP4 input: the deliberately broken real-world files from Firefox's parser
 * tests, and single fields of real files patched in code (one comment per field). Every case
 * asserts the exception type, the absolute offset, the box path and a key phrase.
 */
class Mp4DemuxerMalformedTest {
  private static final String AV1 = "realworld/mp4parse_tiny_av1.mp4";
  private static final String PROG = "realworld/mp4ff_prog_8s.mp4";
  private static final String FRAG = "realworld/mp4parse_no_timescale.mp4";
  private static final String VIDEO_STBL = "moov/trak[1]/mdia/minf/stbl";

  private static Mp4FormatException fail(byte[] file) {
    return catchThrowableOfType(
        Mp4FormatException.class, () -> Mp4Demuxer.open(file, "test.mp4").close());
  }

  private static Mp4FormatException failReal(String name) {
    return catchThrowableOfType(
        Mp4FormatException.class, () -> Mp4Demuxer.open(TestData.path(name)).close());
  }

  // ------------------------------------------------------------ broken real-world files

  @Test
  void chunkOutOfRangeIsRefused() {
    // stsc entry 0 has first_chunk 0x01000001 while stco has a single chunk (FFmpeg refuses too).
    String name = "realworld/mp4parse_chunk_out_of_range.mp4";
    byte[] b = TestData.bytes(name);
    Mp4FormatException e = failReal(name);
    assertThat(e.boxPath()).isEqualTo("moov/trak[0]/mdia/minf/stbl/stsc");
    assertThat(e.offset()).isEqualTo(payload(b, "moov/trak/mdia/minf/stbl/stsc") + 8);
    assertThat(e.getOriginalMessage())
        .contains("first_chunk", "expected a chunk number in 1..1", "found 16777217");
    assertThat(e.source()).isEqualTo("mp4parse_chunk_out_of_range.mp4");
  }

  @Test
  void zeroEmptyStscFileHasSamplesPastTheEnd() {
    // The video track's tables are valid but its media data was cut off: the second sample
    // starts at 47925 and needs 6379 bytes of a 48618-byte file.
    String name = "realworld/mp4parse_zero_empty_stsc.mp4";
    byte[] b = TestData.bytes(name);
    Mp4FormatException e = failReal(name);
    assertThat(e.boxPath()).isEqualTo("moov/trak[0]/mdia/minf/stbl/stco");
    // offset of the stco entry of chunk 2
    assertThat(e.offset()).isEqualTo(payload(b, "moov/trak/mdia/minf/stbl/stco") + 8 + 4);
    assertThat(e.getOriginalMessage()).contains("sample 1", "48618", "found end 54304");
  }

  @Test
  void bipbopHeaderWithoutMediaDataIsRefused() {
    // A complete moov whose mdat is missing: the first sample lies past the end of the file.
    String name = "realworld/mp4parse_bipbop_nonfragment_header.mp4";
    byte[] b = TestData.bytes(name);
    Mp4FormatException e = failReal(name);
    assertThat(e.boxPath()).isEqualTo("moov/trak[0]/mdia/minf/stbl/stco");
    assertThat(e.offset()).isEqualTo(payload(b, "moov/trak/mdia/minf/stbl/stco") + 8);
    assertThat(e.getOriginalMessage()).contains("sample 0", "expected it to end within the file");
  }

  @Test
  void fuzzerFileWithTwoMoovBoxesIsRefused() {
    // Firefox bug 1185230: the file holds two moov boxes (the first with an absurd timescale).
    String name = "realworld/mp4parse_test_case_1185230.mp4";
    byte[] b = TestData.bytes(name);
    Mp4FormatException e = failReal(name);
    assertThat(e.boxPath()).isNull();
    assertThat(e.offset()).isEqualTo(find(b, "moov[1]"));
    assertThat(e.getOriginalMessage()).contains("moov box: expected exactly one");
  }

  @Test
  void missingMovieHeaderIsTolerated() throws Exception {
    // mp4parse_no_timescale.mp4: the mvhd type is damaged ("m\1hd"), so there is no movie
    // timescale. Documented policy: tolerated, samples read normally (FFmpeg plays it too).
    try (Mp4Demuxer d = Mp4Demuxer.open(TestData.path(FRAG))) {
      assertThat(d.movieTimescale()).isEmpty();
      assertThat(d.isFragmented()).isTrue();
      assertThat(d.videoTrack().sampleTable().size()).isEqualTo(182);
      assertThat(d.videoTrack().edits()).containsExactly(EditListEntry.of(0, 166));
    }
  }

  // ------------------------------------------------------------ patched fields: headers

  @Test
  void mediaTimescaleZero() {
    byte[] b = TestData.bytes(AV1);
    int mdhd = payload(b, "moov/trak/mdia/mdhd");
    putInt(b, mdhd + 12, 0); // mdhd v0: version/flags, creation, modification, >timescale<
    Mp4FormatException e = fail(b);
    assertThat(e.offset()).isEqualTo(mdhd + 12);
    assertThat(e.boxPath()).isEqualTo("moov/trak[0]/mdia/mdhd");
    assertThat(e.getOriginalMessage()).isEqualTo("mdhd timescale: expected > 0, found 0");
  }

  @Test
  void movieTimescaleZero() {
    byte[] b = TestData.bytes(AV1);
    int mvhd = payload(b, "moov/mvhd");
    putInt(b, mvhd + 12, 0); // mvhd v0 timescale
    Mp4FormatException e = fail(b);
    assertThat(e.offset()).isEqualTo(mvhd + 12);
    assertThat(e.boxPath()).isEqualTo("moov/mvhd");
  }

  @Test
  void noMoov() {
    byte[] b = TestData.bytes(AV1);
    int moov = find(b, "moov");
    b[moov + 4] = 'f'; // rename moov to "foov": an unknown top-level box
    Mp4FormatException e = fail(b);
    assertThat(e.getOriginalMessage()).contains("moov box: expected one at the top level");
    assertThat(e.offset()).isEqualTo(b.length);
  }

  @Test
  void topLevelBoxSmallerThanItsHeader() {
    byte[] b = TestData.bytes(AV1);
    int mdat = find(b, "mdat");
    putInt(b, mdat, 7); // size 7 < 8-byte header
    Mp4FormatException e = fail(b);
    assertThat(e.offset()).isEqualTo(mdat);
    assertThat(e.getOriginalMessage()).contains("'mdat'", "expected at least 8", "found 7");
  }

  @Test
  void largesizeAbove2To63() {
    byte[] b = TestData.bytes("realworld/mp4ff_stereo_spatial.mp4");
    int mdat = find(b, "mdat");
    assertThat(BoxLocator.getInt(b, mdat)).isEqualTo(1); // this file uses a 64-bit largesize
    putLong(b, mdat + 8, 0x8000_0000_0000_0000L);
    Mp4FormatException e = fail(b);
    assertThat(e.offset()).isEqualTo(mdat);
    assertThat(e.getOriginalMessage()).contains("largesize", "9223372036854775808");
  }

  @Test
  void moovLongerThanTheFile() {
    byte[] b = TestData.bytes(AV1);
    int moov = find(b, "moov");
    putInt(b, moov, b.length - moov + 1); // one byte more than is left
    Mp4FormatException e = fail(b);
    assertThat(e.offset()).isEqualTo(moov);
    assertThat(e.getOriginalMessage())
        .contains("size of box 'moov'", "found " + (b.length - moov + 1));
  }

  @Test
  void truncatedMediaDataAtTheEndIsToleratedButSamplesAreChecked() throws Exception {
    // mdat is at the end of mp4ff_prog_8s.mp4: cutting the file leaves a box that claims more
    // bytes than exist (tolerated) and samples past the end (an error naming the sample).
    byte[] whole = TestData.bytes(PROG);
    byte[] cut = Arrays.copyOf(whole, whole.length - 1000);
    Mp4FormatException e = fail(cut);
    assertThat(e.getOriginalMessage()).contains("expected it to end within the file");
    assertThat(e.boxPath()).endsWith("stbl/stco");
    // Fewer than 8 trailing bytes after the last box are ignored.
    byte[] longer = Arrays.copyOf(whole, whole.length + 5);
    try (Mp4Demuxer d = Mp4Demuxer.open(longer, "x")) {
      assertThat(d.videoTrack().sampleTable().size()).isEqualTo(240);
    }
  }

  @Test
  void childBoxLargerThanItsParent() {
    byte[] b = TestData.bytes(AV1);
    int tkhd = find(b, "moov/trak/tkhd");
    putInt(b, tkhd, 0x7000_0000); // tkhd claims more bytes than trak has
    Mp4FormatException e = fail(b);
    assertThat(e.offset()).isEqualTo(tkhd);
    assertThat(e.boxPath()).isEqualTo("moov/trak[0]");
    assertThat(e.getOriginalMessage()).contains("size of box 'tkhd'", "found 1879048192");
  }

  @Test
  void missingMandatoryBox() {
    byte[] b = TestData.bytes(AV1);
    int stts = find(b, "moov/trak/mdia/minf/stbl/stts");
    b[stts + 4] = 'x'; // rename stts to "xtts"
    Mp4FormatException e = fail(b);
    assertThat(e.boxPath()).isEqualTo("moov/trak[0]/mdia/minf/stbl");
    assertThat(e.getOriginalMessage())
        .isEqualTo("'stts' box: expected one inside 'moov/trak[0]/mdia/minf/stbl', found none");
  }

  // ------------------------------------------------------------ patched fields: sample tables

  @Test
  void entryCountOf2To31InATinyBoxIsAnErrorNotAnOutOfMemory() {
    byte[] b = TestData.bytes(AV1);
    int stts = payload(b, "moov/trak/mdia/minf/stbl/stts");
    putInt(b, stts + 4, 0x8000_0000L); // stts entry_count = 2^31 in a 24-byte box
    Mp4FormatException e = fail(b);
    assertThat(e.offset()).isEqualTo(stts + 4);
    assertThat(e.boxPath()).isEqualTo("moov/trak[0]/mdia/minf/stbl/stts");
    assertThat(e.getOriginalMessage())
        .contains("stts entry_count: expected at most 1 entries", "found 2147483648");
  }

  @Test
  void sampleCountAboveTheLimit() {
    byte[] b = TestData.bytes(AV1);
    int stsz = payload(b, "moov/trak/mdia/minf/stbl/stsz");
    putInt(b, stsz + 8, 0xFFFF_FFFFL); // stsz: version/flags, sample_size (1650), >sample_count<
    Mp4FormatException e = fail(b);
    assertThat(e.offset()).isEqualTo(stsz + 8);
    assertThat(e.getOriginalMessage()).contains("expected at most 5000000 samples", "4294967295");
  }

  @Test
  void sampleCountBelowTheLimitButNotMatchingStts() {
    byte[] b = TestData.bytes(AV1);
    int stsz = payload(b, "moov/trak/mdia/minf/stbl/stsz");
    putInt(b, stsz + 8, 2); // constant-size stsz now declares 2 samples, stts has 1
    int stts = payload(b, "moov/trak/mdia/minf/stbl/stts");
    Mp4FormatException e = fail(b);
    assertThat(e.offset()).isEqualTo(stts + 4);
    assertThat(e.getOriginalMessage())
        .isEqualTo("stts sample count: expected 2 (the sample_count of stsz), found a total of 1");
  }

  @Test
  void configuredLimitsApply() {
    Mp4FormatException e =
        catchThrowableOfType(
            Mp4FormatException.class,
            () ->
                Mp4Demuxer.open(TestData.path(PROG), new Mp4Demuxer.Limits(1 << 20, 100)).close());
    assertThat(e.getOriginalMessage()).contains("expected at most 100 samples");
    LimitExceededException l =
        catchThrowableOfType(
            LimitExceededException.class,
            () -> Mp4Demuxer.open(TestData.path(PROG), new Mp4Demuxer.Limits(1000, 100)).close());
    assertThat(l.requested()).isEqualTo(6340); // the moov size
    assertThat(l.allowed()).isEqualTo(1000);
    assertThat(l.offset()).isEqualTo(20);
  }

  @Test
  void stsdEntryCountLargerThanTheBox() {
    byte[] b = TestData.bytes(AV1);
    int stsd = payload(b, "moov/trak/mdia/minf/stbl/stsd");
    putInt(b, stsd + 4, 3); // three entries declared, one present (3 x 8 bytes still fit)
    Mp4FormatException e = fail(b);
    assertThat(e.boxPath()).isEqualTo("moov/trak[0]/mdia/minf/stbl/stsd");
    assertThat(e.getOriginalMessage()).contains("expected 3 sample entries, found only 1");
  }

  @Test
  void stscFirstChunkNotOne() {
    byte[] b = TestData.bytes(PROG);
    int stsc = payload(b, VIDEO_STBL + "/stsc");
    putInt(b, stsc + 8, 2); // entry 0 first_chunk 2 (stco has 16 chunks)
    Mp4FormatException e = fail(b);
    assertThat(e.offset()).isEqualTo(stsc + 8);
    assertThat(e.boxPath()).isEqualTo("moov/trak[1]/mdia/minf/stbl/stsc");
    assertThat(e.getOriginalMessage())
        .isEqualTo("stsc first_chunk of entry 0: expected 1, found 2");
  }

  @Test
  void stscNotIncreasing() {
    byte[] b = TestData.bytes(PROG);
    int stsc = payload(b, VIDEO_STBL + "/stsc");
    putInt(b, stsc + 8 + 12, 1); // entry 1 first_chunk 1, same as entry 0
    Mp4FormatException e = fail(b);
    assertThat(e.offset()).isEqualTo(stsc + 8 + 12);
    assertThat(e.getOriginalMessage()).contains("entry 1: expected more than 1");
  }

  @Test
  void stscSampleDescriptionOutOfRange() {
    byte[] b = TestData.bytes(PROG);
    int stsc = payload(b, VIDEO_STBL + "/stsc");
    putInt(b, stsc + 8 + 8, 2); // entry 0 sample_description_index 2, stsd has 1 entry
    Mp4FormatException e = fail(b);
    assertThat(e.offset()).isEqualTo(stsc + 8 + 8);
    assertThat(e.getOriginalMessage())
        .contains("sample_description_index of entry 0: expected 1..1, found 2");
  }

  @Test
  void chunksTooSmallForTheSamples() {
    byte[] b = TestData.bytes(PROG);
    int stsc = payload(b, VIDEO_STBL + "/stsc");
    putInt(b, stsc + 8 + 4, 1); // entry 0 samples_per_chunk 16 -> 1
    Mp4FormatException e = fail(b);
    assertThat(e.boxPath()).isEqualTo("moov/trak[1]/mdia/minf/stbl/stsc");
    assertThat(e.getOriginalMessage()).contains("expected 240", "found room for only 225");
  }

  @Test
  void stssEntryOutOfRange() {
    byte[] b = TestData.bytes(PROG);
    int stss = payload(b, VIDEO_STBL + "/stss");
    putInt(b, stss + 8, 241); // sync sample 241 of 240
    Mp4FormatException e = fail(b);
    assertThat(e.offset()).isEqualTo(stss + 8);
    assertThat(e.getOriginalMessage()).contains("expected 1..240, found 241");
  }

  @Test
  void chunkOffsetPastTheEnd() {
    byte[] b = TestData.bytes(PROG);
    int stco = payload(b, VIDEO_STBL + "/stco");
    putInt(b, stco + 8 + 4 * 3, 0xFFFF_0000L); // chunk 4 at 4 GiB - 64 KiB in a 185 KiB file
    Mp4FormatException e = fail(b);
    assertThat(e.offset()).isEqualTo(stco + 8 + 4 * 3);
    assertThat(e.getOriginalMessage()).contains("(chunk 4) at offset 4294901760");
  }

  @Test
  void co64EntryCountLargerThanTheBox() {
    byte[] b = TestData.bytes(AV1);
    int stco = find(b, "moov/trak/mdia/minf/stbl/stco");
    // The 20-byte stco (header, version/flags, entry_count 1, one 4-byte offset) renamed co64:
    // one 8-byte entry no longer fits in the 4 bytes left.
    b[stco + 4] = 'c';
    b[stco + 5] = 'o';
    b[stco + 6] = '6';
    b[stco + 7] = '4';
    Mp4FormatException e = fail(b);
    assertThat(e.offset()).isEqualTo(stco + 12);
    assertThat(e.boxPath()).isEqualTo("moov/trak[0]/mdia/minf/stbl/co64");
    assertThat(e.getOriginalMessage()).contains("co64 entry_count: expected at most 0 entries");
  }

  @Test
  void av1cWithoutMarkerBit() {
    byte[] b = TestData.bytes(AV1);
    int av1c = payload(b, "moov/trak/mdia/minf/stbl/stsd/av01/av1C");
    b[av1c] = 0x01; // marker 0, version 1
    Mp4FormatException e = fail(b);
    assertThat(e.offset()).isEqualTo(av1c);
    assertThat(e.boxPath()).isEqualTo("moov/trak[0]/mdia/minf/stbl/stsd/av01/av1C");
    assertThat(e.getOriginalMessage()).contains("av1C marker bit: expected 1, found 0");
  }

  @Test
  void videoSampleEntryWithoutConfigBox() {
    byte[] b = TestData.bytes(AV1);
    int av1c = find(b, "moov/trak/mdia/minf/stbl/stsd/av01/av1C");
    b[av1c + 4] = 'x'; // rename av1C: an unknown box in the entry
    int entry = find(b, "moov/trak/mdia/minf/stbl/stsd/av01");
    Mp4FormatException e = fail(b);
    assertThat(e.offset()).isEqualTo(entry);
    assertThat(e.getOriginalMessage())
        .isEqualTo("'av1C' box: expected one in the 'av01' sample entry, found none");
  }

  @Test
  void avcCNalLengthOverrunsTheRecord() {
    byte[] b = TestData.bytes(PROG);
    int avcc = payload(b, VIDEO_STBL + "/stsd/avc1/avcC");
    b[avcc + 6] = (byte) 0xFF; // first SPS length 0xFF19 > rest of the record
    Mp4FormatException e = fail(b);
    assertThat(e.boxPath()).isEqualTo("moov/trak[1]/mdia/minf/stbl/stsd/avc1/avcC");
    assertThat(e.offset()).isEqualTo(avcc + 8);
    assertThat(e.getOriginalMessage())
        .contains("avcC sequenceParameterSet: expected 65305 more bytes");
  }

  // ------------------------------------------------------------ patched fields: fragments

  @Test
  void trunSampleCountLargerThanTheBox() {
    byte[] b = TestData.bytes(FRAG);
    int trun = payload(b, "moof/traf/trun");
    putInt(b, trun + 4, 0x4000_0000L); // sample_count 2^30 with 8 bytes per sample
    Mp4FormatException e = fail(b);
    assertThat(e.offset()).isEqualTo(trun + 4);
    assertThat(e.boxPath()).isEqualTo("moof[0]/traf[0]/trun[0]");
    assertThat(e.getOriginalMessage()).contains("trun sample_count", "found 1073741824");
  }

  @Test
  void trunWithoutPerSampleFieldsStillHitsTheSampleLimit() {
    byte[] b = TestData.bytes(FRAG);
    int trun = payload(b, "moof/traf/trun");
    b[trun + 2] = 0; // flags 0x000a05 -> 0x000005: no per-sample fields
    putInt(b, trun + 4, 0xFFFF_FFFFL); // sample_count 2^32-1
    Mp4FormatException e = fail(b);
    assertThat(e.offset()).isEqualTo(trun + 4);
    assertThat(e.getOriginalMessage()).contains("expected at most 5000000", "4294967295");
  }

  @Test
  void tfhdNamingAnUnknownTrack() {
    byte[] b = TestData.bytes(FRAG);
    int tfhd = payload(b, "moof[2]/traf/tfhd");
    putInt(b, tfhd + 4, 9); // track_ID 9
    Mp4FormatException e = fail(b);
    assertThat(e.offset()).isEqualTo(tfhd + 4);
    assertThat(e.boxPath()).isEqualTo("moof[2]/traf[0]/tfhd");
    assertThat(e.getOriginalMessage()).contains("expected the id of a moov track, found 9");
  }

  @Test
  void trunDataOffsetPastTheEnd() {
    byte[] b = TestData.bytes(FRAG);
    int trun = payload(b, "moof[5]/traf/trun");
    putInt(b, trun + 8, 0x7FFF_0000L); // data_offset 2 GiB after the moof
    Mp4FormatException e = fail(b);
    assertThat(e.boxPath()).isEqualTo("moof[5]/traf[0]/trun[0]");
    // flags 0x000e01: data_offset, then per-sample size/flags/offset: the first entry is at +12
    assertThat(e.offset()).isEqualTo(trun + 12);
    assertThat(e.getOriginalMessage())
        .contains("trun sample 0", "expected it to end within the file");
  }

  @Test
  void trafWithoutTfhd() {
    byte[] b = TestData.bytes(FRAG);
    int tfhd = find(b, "moof[1]/traf/tfhd");
    b[tfhd + 4] = 'x';
    Mp4FormatException e = fail(b);
    assertThat(e.boxPath()).isEqualTo("moof[1]/traf[0]");
    assertThat(e.getOriginalMessage())
        .isEqualTo("first box of traf: expected 'tfhd', found 'xfhd'");
  }
}
