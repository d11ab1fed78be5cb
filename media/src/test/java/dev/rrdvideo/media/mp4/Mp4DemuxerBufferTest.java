package dev.rrdvideo.media.mp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rrdvideo.media.Mp4FormatException;
import dev.rrdvideo.media.SampleTable;
import dev.rrdvideo.testdata.TestData;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An MP4 in a {@link ByteBuffer} (how an {@code AssetVideo} blob is read: a view of an Arrow
 * buffer, direct memory, at an offset) reads exactly as the file does, without touching the
 * buffer's position or limit; and {@link Mp4Track#samplesInMoov()} tells moov samples from fragment
 * samples.
 */
class Mp4DemuxerBufferTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "mp4/h264_base.mp4",
        "mp4/h264_bframes.mp4",
        "mp4/h264_fragmented.mp4",
        "mp4/h265_bframes.mp4",
        "mp4/av1.mp4",
        "rerun/asset_h264_nobf.mp4"
      })
  void aBufferReadsLikeTheFile(String name) throws Exception {
    byte[] file = TestData.bytes(name);
    // the MP4 sits 7 bytes into a direct buffer with garbage around it, like a blob in Arrow data
    ByteBuffer direct = ByteBuffer.allocateDirect(file.length + 20);
    direct.put(new byte[7]).put(file).put(new byte[13]);
    ByteBuffer blob = direct.duplicate().position(7).limit(7 + file.length).asReadOnlyBuffer();
    try (Mp4Demuxer fromFile = Mp4Demuxer.open(TestData.path(name));
        Mp4Demuxer fromBuffer = Mp4Demuxer.open(blob, "blob")) {
      assertThat(blob.position()).isEqualTo(7);
      assertThat(blob.limit()).isEqualTo(7 + file.length);
      assertThat(fromBuffer.fileSizeBytes()).isEqualTo(file.length);
      Mp4Track a = fromFile.videoTrack();
      Mp4Track b = fromBuffer.videoTrack();
      SampleTable ta = a.sampleTable();
      SampleTable tb = b.sampleTable();
      assertThat(tb.size()).isEqualTo(ta.size()).isPositive();
      byte[] sa = new byte[a.maxSampleSizeBytes()];
      byte[] sb = new byte[b.maxSampleSizeBytes()];
      for (int i = 0; i < ta.size(); i++) {
        assertThat(tb.ptsTicks(i)).isEqualTo(ta.ptsTicks(i));
        assertThat(tb.dtsTicks(i)).isEqualTo(ta.dtsTicks(i));
        assertThat(tb.offsetBytes(i)).isEqualTo(ta.offsetBytes(i));
        assertThat(tb.isKeyframe(i)).isEqualTo(ta.isKeyframe(i));
        int n = a.readSample(i, sa);
        assertThat(b.readSample(i, sb)).isEqualTo(n);
        assertThat(Arrays.equals(sa, 0, n, sb, 0, n)).as("sample %d", i).isTrue();
        // and the bytes are the file's at the table's offset
        assertThat(
                Arrays.equals(sa, 0, n, file, (int) ta.offsetBytes(i), (int) ta.offsetBytes(i) + n))
            .isTrue();
      }
      boolean fragmented = name.contains("fragmented");
      assertThat(b.samplesInMoov()).isEqualTo(fragmented ? 0 : tb.size());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 7, 100})
  void aCutBufferIsAnMp4FormatException(int length) throws Exception {
    byte[] file = TestData.bytes("mp4/h264_base.mp4");
    ByteBuffer cut = ByteBuffer.wrap(file, 0, length);
    assertThatThrownBy(() -> Mp4Demuxer.open(cut, "blob").close())
        .isInstanceOf(Mp4FormatException.class)
        .hasMessageContaining("blob");
  }
}
