package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.format.testing.Recordings;
import dev.rrdvideo.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recordings from older Rerun releases through print, verify, inspect, check and diff: the real
 * 0.31.4 MCAP import (properties at {@code /__properties}, where 0.33 writes {@code
 * /__mcap_properties}) against the 0.33 import of the same MCAP, and a Rerun 0.24-style recording
 * made in code (no real 0.24 file exists here): application id only in the deprecated {@code
 * StoreInfo.application_id}, store ids without it, a recording id without {@code rec_}, End without
 * footer.
 */
class OlderRecordingsCommandTest {
  @TempDir Path dir;

  private static final String RECORDING = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

  private Path rerun024Style() throws Exception {
    Path made = dir.resolve("made.rrd");
    CliRunner.Result c =
        CliRunner.run(
            "convert",
            TestData.path("annexb/h264.h264").toString(),
            made.toString(),
            "--rerun-version",
            "0.24",
            "--application-id",
            "legacy_app",
            "--recording-id",
            RECORDING,
            "--entity",
            "/cam");
    assertThat(c.exitCode()).as(c.err()).isZero();
    Path old = dir.resolve("old.rrd");
    Files.write(old, Recordings.withoutStoreIdApplicationIds(Files.readAllBytes(made)));
    return old;
  }

  @Test
  void aRerun024StyleRecordingReadsVerifiesAndInspects() throws Exception {
    Path old = rerun024Style();
    String f = old.toString();
    CliRunner.Result p = CliRunner.run("print", f);
    assertThat(p.exitCode()).as(p.err()).isZero();
    assertThat(p.out())
        .contains("Rerun 0.24.0")
        .contains("store recording " + RECORDING + " app=legacy_app")
        .contains("no stream footer");
    CliRunner.Result v = CliRunner.run("verify", "--strict", f);
    assertThat(v.exitCode()).as(v.out()).isZero();
    assertThat(v.out()).contains("0 errors, 0 warnings");
    CliRunner.Result s = CliRunner.run("inspect", "--summary", f);
    assertThat(s.exitCode()).as(s.err()).isZero();
    assertThat(s.out()).contains("/cam").contains("h264");
    CliRunner.Result k = CliRunner.run("check", f);
    assertThat(k.exitCode()).as(k.out()).isZero();
    CliRunner.Result d = CliRunner.run("diff", TestData.path("annexb/h264.h264").toString(), f);
    assertThat(d.exitCode()).as(d.out()).isZero();
    assertThat(d.out()).contains("equal");
  }

  @Test
  void propertiesAtTheOlderEntityPathChangeNothing() throws Exception {
    // same MCAP imported by 0.31.4 (/__properties) and 0.33.0 (/__mcap_properties)
    String v031 = TestData.path("rerun/older/v0.31.4_stream_h264_mcap.rrd").toString();
    String v033 = TestData.path("rerun/stream_h264.rrd").toString();
    assertThat(CliRunner.run("print", v031).out()).contains("/__properties static");
    assertThat(CliRunner.run("print", v033).out()).contains("/__mcap_properties static");
    for (String f : new String[] {v031, v033}) {
      CliRunner.Result v = CliRunner.run("verify", "--strict", f);
      assertThat(v.exitCode()).as(v.out()).isZero();
      CliRunner.Result s = CliRunner.run("inspect", "--summary", f);
      assertThat(s.exitCode()).as(s.err()).isZero();
      assertThat(s.out()).contains("/camera/video").doesNotContain("__");
      CliRunner.Result k = CliRunner.run("check", f);
      assertThat(k.exitCode()).as(k.out()).isZero();
    }
    assertThat(CliRunner.run("inspect", "--summary", v031).out())
        .isEqualTo(CliRunner.run("inspect", "--summary", v033).out());
    CliRunner.Result d = CliRunner.run("diff", v031, v033);
    assertThat(d.exitCode()).as(d.out()).isZero();
    assertThat(d.out()).contains("equal");
  }

  @Test
  void recordingsWrittenByRerun0241ReadVerifyAndInspect() throws Exception {
    // bytes from Rerun 0.24.1's encoder (testdata rerun/resaved-0.24.1/README.md)
    String stream = TestData.path("rerun/resaved-0.24.1/stream_h264.rrd").toString();
    String asset = TestData.path("rerun/resaved-0.24.1/asset_h264.rrd").toString();
    for (String f : new String[] {stream, asset}) {
      CliRunner.Result p = CliRunner.run("print", f);
      assertThat(p.exitCode()).as(p.err()).isZero();
      assertThat(p.out())
          .contains("Rerun 0.24.0")
          .contains("app=rrdvideo")
          .contains("no stream footer");
      CliRunner.Result v = CliRunner.run("verify", "--strict", f);
      assertThat(v.exitCode()).as(v.out()).isZero();
      assertThat(v.out()).contains("0 errors, 0 warnings");
    }
    CliRunner.Result s = CliRunner.run("inspect", "--summary", stream);
    assertThat(s.exitCode()).as(s.err()).isZero();
    assertThat(s.out()).contains("/h264_base.mp4").contains("frames       30");
    CliRunner.Result k = CliRunner.run("check", stream);
    assertThat(k.exitCode()).as(k.out()).isZero();
    CliRunner.Result d =
        CliRunner.run("diff", stream, TestData.path("mp4/h264_base.mp4").toString());
    assertThat(d.exitCode()).as(d.out()).isZero();
    assertThat(d.out()).contains("equal");
    // and back into the current layout: the application id moves into the StoreId
    Path now = dir.resolve("now.rrd");
    assertThat(CliRunner.run("rewrite", stream, now.toString()).exitCode()).isZero();
    CliRunner.Result v = CliRunner.run("verify", "--strict", now.toString());
    assertThat(v.exitCode()).as(v.out()).isZero();
    assertThat(CliRunner.run("print", now.toString()).out())
        .contains("Rerun 0.33.0")
        .contains("app=rrdvideo");
  }
}
