package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.format.verify.RrdVerifier;
import dev.rrdvideo.media.mp4.Mp4Demuxer;
import dev.rrdvideo.testdata.TestData;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code ```java} block of README.md and docs/*.md, taken from the markdown as it stands (no
 * copy here), compiles against the library and runs, in README order, in a forked JVM whose working
 * directory holds the files the examples name: a {@code .rrd} they read is the demo recording
 * ({@code rrdvideo demo}, as the README's first command makes it), an {@code .mp4} the fixture
 * {@code mp4/h264_base.mp4}. Every recording an example writes passes {@code verify}, every MP4 it
 * writes demuxes.
 *
 * <p>How a block becomes a program: its lines are the body of a {@code main} that may throw; the
 * library types it names (public classes of the modules' non-{@code internal} packages, found on
 * the class path) are imported one by one, {@code java.io}, {@code java.nio}, {@code java.nio.file}
 * and {@code java.util} as a whole. What the README leaves to the reader is given: {@code frames},
 * a {@code List<Frame>} of H.264 access units (Annex B, no B-frames) with {@code ptsNanos()},
 * {@code bytes()} and {@code isKeyframe()}.
 *
 * <p>The README says which JVM flag Arrow needs on Java 17; the examples run with it, and without
 * it at least one fails, each for that reason.
 */
class ReadmeExamplesTest {
  /** The flag the README must state (Arrow's memory module on the class path, Java 17+). */
  static final String ARROW_FLAG = "--add-opens=java.base/java.nio=ALL-UNNAMED";

  /** One {@code ```java} block: where it is, the heading above it, its code. */
  record Example(String file, int line, String heading, String code) {
    String className() {
      return "ReadmeExample" + line;
    }

    @Override
    public String toString() {
      return file + ":" + line + " (" + heading + ")";
    }
  }

  @TempDir static Path dir;
  private static Path classes;
  private static String classPath;

  /** The repository root: the directory above this module holding README.md. */
  static Path root() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isRegularFile(p.resolve("README.md"))) {
      p = p.getParent();
    }
    assertThat(p).as("README.md above " + Path.of("").toAbsolutePath()).isNotNull();
    return p;
  }

  static List<Example> examples() throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(root().resolve("README.md"));
    try (Stream<Path> docs = Files.list(root().resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    List<Example> out = new ArrayList<>();
    for (Path f : files) {
      List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
      String heading = "";
      for (int i = 0; i < lines.size(); i++) {
        String l = lines.get(i);
        if (l.startsWith("#")) {
          heading = l.replaceFirst("^#+\\s*", "");
        } else if (l.strip().equals("```java")) {
          StringBuilder code = new StringBuilder();
          int start = i + 1;
          for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
            code.append(lines.get(i)).append('\n');
          }
          out.add(
              new Example(root().relativize(f).toString(), start + 1, heading, code.toString()));
        }
      }
    }
    return out;
  }

  @BeforeAll
  static void compileEveryExample() throws Exception {
    String surefire = System.getProperty("surefire.test.class.path");
    classPath = surefire != null ? surefire : System.getProperty("java.class.path");
    Map<String, Set<String>> api = apiTypes(classPath);
    classes = Files.createDirectories(dir.resolve("classes"));
    List<Example> all = examples();
    assertThat(all).as("java blocks in README.md").isNotEmpty();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StringBuilder sources = new StringBuilder();
    List<File> files = new ArrayList<>();
    for (Example e : all) {
      String source = program(e, api);
      Path file = dir.resolve("src").resolve(e.className() + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source);
      files.add(file.toFile());
      sources.append("---- ").append(e).append('\n').append(numbered(source));
    }
    try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, null, null)) {
      StringWriter log = new StringWriter();
      boolean ok =
          javac
              .getTask(
                  log,
                  fm,
                  diagnostics,
                  List.of("-classpath", classPath, "-d", classes.toString(), "-proc:none"),
                  null,
                  fm.getJavaFileObjectsFromFiles(files))
              .call();
      assertThat(ok)
          .as(
              "the README's Java examples compile:\n%s\n%s%s",
              diagnostics.getDiagnostics(), log, sources)
          .isTrue();
    }
    // the files the examples name, in a working directory of their own
    Path work = Files.createDirectories(dir.resolve("work"));
    prepareInputs(all, work);
    prepareInputs(all, Files.createDirectories(dir.resolve("work-without-flag")));
  }

  /** The program an example becomes. */
  static String program(Example e, Map<String, Set<String>> api) {
    StringBuilder s = new StringBuilder();
    Set<String> imports = new TreeSet<>();
    Matcher m = Pattern.compile("\\b[A-Z][A-Za-z0-9]*\\b").matcher(e.code());
    while (m.find()) {
      Set<String> candidates = api.get(m.group());
      if (candidates == null) {
        continue;
      }
      assertThat(candidates).as("%s: %s names one library type", e, m.group()).hasSize(1);
      imports.add(candidates.iterator().next());
    }
    for (String pkg : List.of("java.io", "java.nio", "java.nio.file", "java.util")) {
      s.append("import ").append(pkg).append(".*;\n");
    }
    for (String i : imports) {
      s.append("import ").append(i).append(";\n");
    }
    s.append("\n/** ").append(e).append(" */\n");
    s.append("public final class ").append(e.className()).append(" {\n");
    s.append("  record Frame(long ptsNanos, byte[] bytes, boolean isKeyframe) {}\n\n");
    s.append("  public static void main(String[] args) throws Exception {\n");
    s.append("    List<Frame> frames = frames();\n");
    s.append("    // ---- ").append(e).append('\n');
    s.append(e.code());
    s.append("    // ----\n  }\n\n");
    s.append(
        """
          /** The access units of annexb/h264.h264 at 25 fps, keyframes by their bitstream. */
          static List<Frame> frames() throws Exception {
            byte[] b = dev.rrdvideo.testdata.TestData.bytes("annexb/h264.h264");
            var codec = dev.rrdvideo.format.video.VideoCodec.H264;
            var r =
                dev.rrdvideo.media.bitstream.AccessUnitReader.open(
                    new ByteArrayInputStream(b), codec, "h264.h264");
            var inspector = new dev.rrdvideo.media.bitstream.SampleInspector();
            List<Frame> out = new ArrayList<>();
            for (int i = 0; r.next(); i++) {
              byte[] u = Arrays.copyOf(r.unit(), r.unitSize());
              inspector.inspect(codec, u, 0, u.length);
              out.add(new Frame(i * 40_000_000L, u, inspector.keyframe()));
            }
            return out;
          }
        }
        """);
    return s.toString();
  }

  private static String numbered(String source) {
    StringBuilder b = new StringBuilder();
    int n = 1;
    for (String l : source.split("\n", -1)) {
      b.append(String.format("%4d  %s%n", n++, l));
    }
    return b.toString();
  }

  /**
   * Public top-level types of the library's API packages on the class path, by simple name: the
   * modules' main classes (directories {@code target/classes} or their jars), not tests, not {@code
   * internal} packages, not the test fixtures.
   */
  static Map<String, Set<String>> apiTypes(String classPath) throws IOException {
    Map<String, Set<String>> out = new TreeMap<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      Path p = Path.of(entry);
      if (entry.contains("test-classes") || entry.endsWith("-tests.jar")) {
        continue;
      }
      List<String> names = new ArrayList<>();
      if (Files.isDirectory(p)) {
        Path base = p.resolve("dev/rrdvideo");
        if (Files.isDirectory(base)) {
          try (Stream<Path> s = Files.walk(base)) {
            s.filter(f -> f.toString().endsWith(".class"))
                .forEach(
                    f -> names.add(p.relativize(f).toString().replace(File.separatorChar, '/')));
          }
        }
      } else if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
        try (JarFile jar = new JarFile(p.toFile())) {
          for (JarEntry je : java.util.Collections.list(jar.entries())) {
            if (je.getName().startsWith("dev/rrdvideo/") && je.getName().endsWith(".class")) {
              names.add(je.getName());
            }
          }
        }
      }
      for (String n : names) {
        String cls = n.substring(0, n.length() - ".class".length()).replace('/', '.');
        String simple = cls.substring(cls.lastIndexOf('.') + 1);
        if (cls.contains("$")
            || cls.contains(".internal.")
            || cls.startsWith("dev.rrdvideo.testdata.")
            || simple.equals("package-info")
            || simple.equals("module-info")) {
          continue;
        }
        try {
          Class<?> c = Class.forName(cls, false, ReadmeExamplesTest.class.getClassLoader());
          if (Modifier.isPublic(c.getModifiers())) {
            out.computeIfAbsent(simple, k -> new TreeSet<>()).add(cls);
          }
        } catch (ClassNotFoundException | LinkageError e) {
          // not loadable here: not part of what an example can use
        }
      }
    }
    return out;
  }

  /** The inputs the examples name as {@code Path.of("NAME")}, in {@code work}. */
  static void prepareInputs(List<Example> all, Path work) throws IOException {
    Path demo = dir.resolve("demo.rrd");
    if (!Files.exists(demo)) {
      CliRunner.Result r = CliRunner.run("demo", "-o", demo.toString());
      assertThat(r.exitCode()).as(r.err()).isZero();
    }
    Matcher m = Pattern.compile("Path\\.of\\(\"([^\"]+)\"\\)").matcher("");
    for (Example e : all) {
      m.reset(e.code());
      while (m.find()) {
        Path target = work.resolve(m.group(1));
        if (m.group(1).endsWith(".rrd")) {
          Files.copy(demo, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } else if (m.group(1).endsWith(".mp4")) {
          Files.write(target, TestData.bytes("mp4/h264_base.mp4"));
        }
      }
    }
  }

  /** Exit code, output and error output of a forked run. */
  record Run(int exitCode, String out, String err) {}

  static Run run(Example e, Path work, boolean arrowFlag) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (arrowFlag) {
      cmd.add(ARROW_FLAG);
    }
    cmd.add("-cp");
    cmd.add(classes + File.pathSeparator + classPath);
    cmd.add(e.className());
    Path out = dir.resolve(e.className() + (arrowFlag ? "" : "-noflag") + ".out");
    Path err = dir.resolve(e.className() + (arrowFlag ? "" : "-noflag") + ".err");
    Process p =
        new ProcessBuilder(cmd)
            .directory(work.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(e + ": still running after 120 s");
    }
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  @ParameterizedTest
  @MethodSource("examples")
  void runsWithTheFlagTheReadmeStates(Example e) throws Exception {
    Path work = dir.resolve("work");
    Map<Path, Integer> before = modified(work);
    Run r = run(e, work, true);
    assertThat(r.exitCode()).as("%s exit code; stderr:%n%s", e, r.err()).isZero();
    if (e.code().contains("System.out")) {
      assertThat(r.out()).as("%s prints", e).isNotBlank();
    }
    for (Map.Entry<Path, Integer> f : modified(work).entrySet()) {
      if (f.getValue().equals(before.get(f.getKey()))) {
        continue; // not written by this example
      }
      String name = f.getKey().getFileName().toString();
      if (name.endsWith(".rrd")) {
        try (InputStream in = Files.newInputStream(f.getKey())) {
          RrdVerifier.Report report = RrdVerifier.verify(in, name);
          assertThat(report.ok()).as("%s wrote %s: %s", e, name, report.findings()).isTrue();
        }
      } else if (name.endsWith(".mp4")) {
        try (Mp4Demuxer d = Mp4Demuxer.open(f.getKey())) {
          assertThat(d.videoTrack().sampleTable().size()).as("%s wrote %s", e, name).isPositive();
        }
      }
    }
  }

  /** The files of {@code work} with a hash of their content. */
  private static Map<Path, Integer> modified(Path work) throws IOException {
    Map<Path, Integer> m = new TreeMap<>();
    try (Stream<Path> s = Files.list(work)) {
      for (Path p : s.toList()) {
        m.put(p, java.util.Arrays.hashCode(Files.readAllBytes(p)));
      }
    }
    return m;
  }

  @Test
  void theReadmeStatesTheArrowFlagAndWithoutItArrowRefusesToStart() throws Exception {
    String readme = Files.readString(root().resolve("README.md"));
    assertThat(readme).contains(ARROW_FLAG);
    Path work = dir.resolve("work-without-flag");
    int failed = 0;
    for (Example e : examples()) {
      Run r = run(e, work, false);
      if (r.exitCode() != 0) {
        failed++;
        // Arrow's memory module cannot reach java.nio's internals (its message names java.nio)
        assertThat(r.err()).as("%s without the flag", e).contains("java.nio");
      }
    }
    assertThat(failed).as("examples that fail without " + ARROW_FLAG).isPositive();
  }
}
