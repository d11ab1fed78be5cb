package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.convert.ConvertInput;
import dev.rrdvideo.convert.ConvertOptions;
import dev.rrdvideo.convert.ConvertOutput;
import dev.rrdvideo.convert.Converter;
import dev.rrdvideo.inspect.DiffOptions;
import dev.rrdvideo.inspect.VideoDiff;
import dev.rrdvideo.testdata.TestData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The converters' output compared with its source by {@link VideoDiff}: the two libraries meet
 * here, since inspect does not depend on convert (its own tests write recordings directly).
 */
class ConversionsDiffTest {
  @TempDir Path dir;

  @Test
  void anMp4AndItsRecordingAreEqualAcrossFraming() throws Exception {
    Path mp4 = TestData.path("mp4/h265_hvc1.mp4");
    Path rrd = dir.resolve("h265.rrd");
    Converter.convert(ConvertInput.file(mp4), ConvertOutput.file(rrd), ConvertOptions.defaults());
    VideoDiff.Result r = VideoDiff.compare(mp4, rrd, DiffOptions.defaults());
    assertThat(r.equal()).as(r.toString()).isTrue();
    assertThat(r.timesCompared()).isTrue();
    assertThat(r.samplesA()).isEqualTo(r.samplesB()).isEqualTo(30);
    assertThat(r.codecA()).isEqualTo("h265");
  }

  @Test
  void anAssetAndItsVideoStreamConversionAreEqual() throws Exception {
    Path asset = TestData.path("rerun/asset_h264_nobf.rrd");
    Path stream = dir.resolve("stream.rrd");
    Converter.convert(
        ConvertInput.file(asset),
        ConvertOutput.file(stream),
        ConvertOptions.builder().mode(ConvertOptions.Mode.STREAM).build());
    VideoDiff.Result r = VideoDiff.compare(asset, stream, DiffOptions.defaults());
    assertThat(r.equal()).as(r.toString()).isTrue();
    assertThat(r.samplesA()).isEqualTo(30);
    // the 0.24.1 viewer's re-save of an asset against a VideoStream made from its source MP4
    Path base = dir.resolve("base.rrd");
    Converter.convert(
        ConvertInput.file(TestData.path("mp4/h264_base.mp4")),
        ConvertOutput.file(base),
        ConvertOptions.defaults());
    VideoDiff.Result old =
        VideoDiff.compare(
            base, TestData.path("rerun/resaved-0.24.1/asset_h264.rrd"), DiffOptions.defaults());
    assertThat(old.equal()).as(old.toString()).isTrue();
  }
}
