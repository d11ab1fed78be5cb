package dev.rrdvideo.media.mp4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.media.SampleTable;
import org.junit.jupiter.api.Test;

/**
 * A fragmented file built field by field to reach every rule of fragment parsing: trex defaults,
 * tfhd defaults, no tfdt (continue after the previous samples), tfdt version 1, first_sample_flags,
 * a trun without data_offset continuing after the previous trun, signed composition offsets (trun
 * version 1), and a traf whose base is the end of the previous traf's data.
 */
class Mp4DemuxerFragmentTest {

  @Test
  void everyFragmentRuleIsApplied() throws Exception {
    Mp4Bytes b = new Mp4Bytes();
    b.box("ftyp").bytes("isom".getBytes()).u32(0x200).bytes("isomiso6".getBytes()).end();
    b.box("moov");
    b.mvhd(1000, 3);
    b.emptyTrak(1, 100, "vide", Mp4Bytes.av01Entry());
    b.emptyTrak(2, 50, "meta", Mp4Bytes.plainEntry("xmta"));
    b.box("mvex");
    // trex track 1: description 1, duration 10, size 0, flags: sample_is_non_sync_sample
    b.fullBox("trex", 0, 0).u32(1).u32(1).u32(10).u32(0).u32(0x0001_0000).end();
    // trex track 2: description 1, duration 5, size 3, flags 0 (sync)
    b.fullBox("trex", 0, 0).u32(2).u32(1).u32(5).u32(3).u32(0).end();
    b.end(); // mvex
    b.end(); // moov

    int moof0 = b.position();
    b.box("moof");
    b.fullBox("mfhd", 0, 0).u32(1).end();
    b.box("traf");
    b.fullBox("tfhd", 0, 0).u32(1).end(); // track 1, no flags: base = start of this moof
    // trun 0: data_offset | first_sample_flags | sample_size, 2 samples
    b.fullBox("trun", 0, 0x000205).u32(2);
    int dataOffsetAt = b.position();
    b.u32(0); // data_offset, patched below to the start of the mdat payload
    b.u32(0); // first_sample_flags: sync
    b.u32(4).u32(5); // sizes
    b.end();
    // trun 1 (version 1): sample_size | composition offset, no data_offset: continues after
    // trun 0's data
    b.fullBox("trun", 1, 0x000A00).u32(2);
    b.u32(6).u32(-10L & 0xFFFF_FFFFL); // size 6, offset -10
    b.u32(7).u32(20); // size 7, offset +20
    b.end();
    b.end(); // traf
    b.box("traf");
    // track 2, default_sample_duration 7; base = end of the previous traf's data
    b.fullBox("tfhd", 0, 0x000008).u32(2).u32(7).end();
    b.fullBox("trun", 0, 0).u32(3).end(); // 3 samples, all defaults (size 3 from trex)
    b.end(); // traf
    b.end(); // moof
    int mdat0 = b.position();
    b.box("mdat").fill(4, 0xA0).fill(5, 0xA1).fill(6, 0xA2).fill(7, 0xA3).fill(9, 0xB0).end();
    b.patch32(dataOffsetAt, mdat0 + 8 - moof0);

    int moof1 = b.position();
    b.box("moof");
    b.fullBox("mfhd", 0, 0).u32(2).end();
    b.box("traf");
    b.fullBox("tfhd", 0, 0x020000).u32(1).end(); // default-base-is-moof
    b.fullBox("tfdt", 1, 0).u64(1000).end(); // baseMediaDecodeTime 1000 (64-bit)
    b.fullBox("trun", 0, 0x000205).u32(1);
    int dataOffset1At = b.position();
    b.u32(0).u32(0).u32(8); // data_offset (patched), first_sample_flags sync, size 8
    b.end();
    b.end(); // traf
    b.end(); // moof
    int mdat1 = b.position();
    b.box("mdat").fill(8, 0xC0).end();
    b.patch32(dataOffset1At, mdat1 + 8 - moof1);
    byte[] file = b.toByteArray();

    try (Mp4Demuxer d = Mp4Demuxer.open(file, "frag.mp4")) {
      assertThat(d.isFragmented()).isTrue();
      assertThat(d.compatibleBrands()).containsExactly("isom", "iso6");
      Mp4Track v = d.videoTrack();
      assertThat(v.codec()).isEqualTo(VideoCodec.AV1);
      SampleTable t = v.sampleTable();
      long data = mdat0 + 8;
      assertThat(t.size()).isEqualTo(5);
      long[] dts = {0, 10, 20, 30, 1000};
      long[] pts = {0, 10, 10, 50, 1000};
      int[] size = {4, 5, 6, 7, 8};
      long[] off = {data, data + 4, data + 9, data + 15, mdat1 + 8};
      boolean[] key = {true, false, false, false, true};
      for (int i = 0; i < 5; i++) {
        assertThat(t.dtsTicks(i)).as("dts %d", i).isEqualTo(dts[i]);
        assertThat(t.ptsTicks(i)).as("pts %d", i).isEqualTo(pts[i]);
        assertThat(t.durationTicks(i))
            .as("duration %d", i)
            .isEqualTo(10); // trex default_sample_duration
        assertThat(t.sizeBytes(i)).as("size %d", i).isEqualTo(size[i]);
        assertThat(t.offsetBytes(i)).as("offset %d", i).isEqualTo(off[i]);
        assertThat(t.isKeyframe(i)).as("key %d", i).isEqualTo(key[i]);
        byte[] buf = new byte[size[i]];
        v.readSample(i, buf);
        assertThat(buf).containsOnly((byte) (i < 4 ? 0xA0 + i : 0xC0));
      }

      Mp4Track m = d.track(2).orElseThrow();
      assertThat(m.handlerType()).isEqualTo("meta");
      assertThat(m.sampleEntryType()).isEqualTo("xmta");
      assertThat(m.codec()).isNull();
      SampleTable mt = m.sampleTable();
      assertThat(mt.size()).isEqualTo(3);
      for (int i = 0; i < 3; i++) {
        assertThat(mt.dtsTicks(i)).isEqualTo(7L * i);
        assertThat(mt.durationTicks(i)).isEqualTo(7);
        assertThat(mt.sizeBytes(i)).isEqualTo(3);
        assertThat(mt.offsetBytes(i)).isEqualTo(data + 22 + 3L * i); // after track 1's 22 bytes
        assertThat(mt.isKeyframe(i)).isTrue();
      }
    }
  }
}
