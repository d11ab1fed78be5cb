package dev.rrdvideo.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.inspect.TestRecordings.Entity;
import dev.rrdvideo.testdata.Csv;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, part C: the bitstream state one stream leaves behind (an AV1 sequence header, H.265
 * picture parameter sets) never leaks into the next stream of a recording. A recording of several
 * streams of different codecs, some starting mid-GOP, is scanned with the options the CLI passes;
 * every stream's rows must equal those of a recording holding that stream alone.
 */
class StreamStateTest {
  @TempDir Path dir;

  static List<Entity> entities() throws IOException {
    List<byte[]> av1 = TestRecordings.units("obu/av1.obu", VideoCodec.AV1);
    List<byte[]> h265 = TestRecordings.units("annexb/h265.h265", VideoCodec.H265);
    List<byte[]> h264 = TestRecordings.units("annexb/h264.h264", VideoCodec.H264);
    return List.of(
        new Entity("/av1", VideoCodec.AV1, List.of(TestRecordings.at30fps(av1, 0))),
        new Entity("/h265", VideoCodec.H265, List.of(TestRecordings.at30fps(h265, 0))),
        // logging started after the keyframe: no sequence header / parameter sets yet
        new Entity("/av1_late", VideoCodec.AV1, List.of(TestRecordings.at30fps(av1, 1))),
        new Entity("/h265_late", VideoCodec.H265, List.of(TestRecordings.at30fps(h265, 1))),
        new Entity("/h264", VideoCodec.H264, List.of(TestRecordings.at30fps(h264, 0))));
  }

  /** CSV rows per entity, without chunk_id (chunk ids differ between recordings). */
  static Map<String, List<String>> rows(Path rrd) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (SampleTableWriter w = new SampleTableWriter(TableFormat.CSV, false, bos)) {
      // the options the CLI and VideoDiff pass (an analyzer per stream since issue 9)
      SampleScanner.scan(rrd, ScanOptions.defaults(), w);
    }
    String[] lines = bos.toString(StandardCharsets.UTF_8).split("\n");
    String[] h = Csv.line(lines[0]);
    int entity = InspectMediaTest.col(h, "entity");
    int chunk = InspectMediaTest.col(h, "chunk_id");
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      String[] r = Csv.line(lines[i]);
      r[chunk] = "";
      out.computeIfAbsent(r[entity], k -> new ArrayList<>()).add(String.join("|", r));
    }
    return out;
  }

  @Test
  void eachStreamReadsTheSameAloneAsAfterOtherStreams() throws IOException {
    List<Entity> all = entities();
    Map<String, List<String>> together = rows(TestRecordings.write(dir.resolve("all.rrd"), all));
    assertThat(together.keySet())
        .containsExactly("/av1", "/h265", "/av1_late", "/h265_late", "/h264");
    for (Entity e : all) {
      Map<String, List<String>> alone =
          rows(TestRecordings.write(dir.resolve(e.path().substring(1) + ".rrd"), List.of(e)));
      assertThat(together.get(e.path())).as(e.path()).isEqualTo(alone.get(e.path()));
    }
  }

  @Test
  void frameHeadersAreNotReadWithAnotherStreamsSequenceHeader() throws IOException {
    List<Entity> all = entities();
    Path rrd = TestRecordings.write(dir.resolve("all.rrd"), all);
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (SampleTableWriter w = new SampleTableWriter(TableFormat.CSV, false, bos)) {
      SampleScanner.scan(rrd, ScanOptions.defaults(), w);
    }
    String[] lines = bos.toString(StandardCharsets.UTF_8).split("\n");
    String[] h = Csv.line(lines[0]);
    int entity = InspectMediaTest.col(h, "entity");
    int typeCol = InspectMediaTest.col(h, "frame_type");
    int keyCol = InspectMediaTest.col(h, "keyframe_bitstream");
    List<String> full = new ArrayList<>();
    List<String[]> late = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      String[] r = Csv.line(lines[i]);
      if (r[entity].equals("/av1")) {
        full.add(r[typeCol]);
      } else if (r[entity].equals("/av1_late")) {
        late.add(r);
      }
    }
    assertThat(late).hasSize(full.size() - 1);
    boolean keyframeSeen = false;
    int unknown = 0;
    for (int i = 0; i < late.size(); i++) {
      keyframeSeen |= late.get(i)[keyCol].equals("true");
      String type = late.get(i)[typeCol];
      if (keyframeSeen) {
        // from its own keyframe (with its sequence header) on, the same as the full stream
        assertThat(type).as("sample %d", i).isEqualTo(full.get(i + 1));
      } else {
        // before it, the frame headers cannot be read: /av1's sequence header is not this one's
        assertThat(type).as("sample %d", i).isEmpty();
        if (!full.get(i + 1).isEmpty()) {
          unknown++; // known in the full stream, unknown here
        }
      }
    }
    assertThat(unknown).isPositive();
    assertThat(keyframeSeen).isTrue();
  }

  /**
   * In an MP4 the parameter sets live in the sample entry, not in the samples: the analyzer is
   * shown them before the first sample, so an H.265 MP4 gets the same frame types as the Annex B
   * stream ffmpeg extracted from it (hevc_mp4toannexb, which puts them in band).
   */
  @Test
  void mp4ParameterSetsFromTheSampleEntryAreUsed() throws IOException {
    List<String> mp4 = column("mp4/h265_hvc1.mp4", "frame_type");
    List<String> annexB = column("annexb/h265.h265", "frame_type");
    assertThat(mp4).hasSize(30).isEqualTo(annexB).doesNotContain("");
    assertThat(column("mp4/h265_hvc1.mp4", "keyframe_bitstream"))
        .isEqualTo(column("annexb/h265.h265", "keyframe_bitstream"));
  }

  static List<String> column(String fixture, String name) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (SampleTableWriter w = new SampleTableWriter(TableFormat.CSV, false, bos)) {
      SampleScanner.scan(dev.rrdvideo.testdata.TestData.path(fixture), ScanOptions.defaults(), w);
    }
    String[] lines = bos.toString(StandardCharsets.UTF_8).split("\n");
    int c = InspectMediaTest.col(Csv.line(lines[0]), name);
    List<String> out = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      out.add(Csv.line(lines[i])[c]);
    }
    return out;
  }
}
