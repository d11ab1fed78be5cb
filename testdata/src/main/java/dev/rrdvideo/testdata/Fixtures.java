package dev.rrdvideo.testdata;

import java.util.List;
import java.util.function.Predicate;

/**
 * Lists of fixtures, read from {@code MANIFEST.tsv} (which {@code ManifestTest} proves complete),
 * so that a test over "every generated MP4" covers a fixture added later without an edit. Each
 * method suits JUnit's {@code @MethodSource("dev.rrdvideo.testdata.Fixtures#generatedMp4")}.
 */
public final class Fixtures {
  private Fixtures() {}

  /** Every fixture name in the manifest, in manifest order. */
  public static List<String> all() {
    return TestData.text("MANIFEST.tsv")
        .lines()
        .skip(1)
        .filter(l -> !l.isBlank())
        .map(l -> l.substring(0, l.indexOf('\t')))
        .toList();
  }

  /**
   * The media files directly in a fixture directory (e.g. {@code "mp4/"}), without the records
   * beside them ({@code .ffprobe.json}, {@code .framemd5}, {@code .md}, {@code .tsv}, {@code
   * .json}), sorted by name.
   */
  public static List<String> media(String dir) {
    Predicate<String> sidecar =
        n ->
            n.endsWith(".json")
                || n.endsWith(".framemd5")
                || n.endsWith(".md")
                || n.endsWith(".tsv");
    return all().stream()
        .filter(n -> n.startsWith(dir) && n.indexOf('/', dir.length()) < 0)
        .filter(sidecar.negate())
        .sorted()
        .toList();
  }

  /**
   * {@code mp4/*.mp4}: the single-video-track MP4s made by {@code tools/make-fixtures.sh}, those
   * with an ffprobe stream record and packet table ({@code expected/NAME.stream.json}, {@code
   * .packets.csv}; the multi-track {@code h264_three_tracks.mp4} has one table per track instead,
   * see {@link Ffprobe#track}).
   */
  public static List<String> generatedMp4() {
    return media("mp4/").stream()
        .filter(n -> TestData.exists("expected/" + n.substring("mp4/".length()) + ".stream.json"))
        .toList();
  }

  /** {@code mp4-damaged/*}: cut or corrupted copies of generated MP4s that no reader may accept. */
  public static List<String> damagedMp4() {
    return media("mp4-damaged/");
  }

  /**
   * The generated elementary streams ({@code annexb/}, {@code obu/}, {@code ivf/}), each with
   * ffprobe tables.
   */
  public static List<String> generatedStreams() {
    return all().stream()
        .filter(n -> n.startsWith("annexb/") || n.startsWith("obu/") || n.startsWith("ivf/"))
        .sorted()
        .toList();
  }

  /** {@code realworld/*.mp4}: the third-party MP4s, damaged ones included (see purposes.tsv). */
  public static List<String> realWorldMp4() {
    return media("realworld/").stream().filter(n -> n.endsWith(".mp4")).toList();
  }
}
