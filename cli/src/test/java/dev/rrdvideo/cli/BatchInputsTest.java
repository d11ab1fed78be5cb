package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the arguments of a batch become files: directories, globs, lists, links, order, failures. */
class BatchInputsTest {
  @TempDir Path dir;

  private Path touch(String name) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.write(p, new byte[] {1});
    return p;
  }

  private static List<String> paths(List<BatchInputs.Item> items) {
    return items.stream().map(BatchInputs.Item::path).toList();
  }

  @Test
  void aDirectoryIsWalkedForTheFilesTheCommandReadsSortedAndShownRelativeToIt() throws Exception {
    touch("z.rrd");
    touch("b/clip.MP4");
    touch("b/a/cam.h264");
    touch("b/notes.txt");
    touch("a.ivf");
    touch(".hidden.rrd");
    touch(".cache/x.rrd");
    touch("b/raw.obu");
    List<BatchInputs.Item> items =
        BatchInputs.expand(List.of(dir.toString()), null, BatchInputs.MEDIA);
    assertThat(paths(items))
        .containsExactly("a.ivf", "b/a/cam.h264", "b/clip.MP4", "b/raw.obu", "z.rrd");
    assertThat(items.get(0).file()).isEqualTo(dir.resolve("a.ivf"));
    assertThat(items).noneMatch(BatchInputs.Item::failed);
    // verify reads recordings only
    assertThat(paths(BatchInputs.expand(List.of(dir.toString()), null, BatchInputs.RECORDINGS)))
        .containsExactly("z.rrd");
  }

  @Test
  void theGlobFiltersTheNamesOfFilesInDirectoriesNotTheFilesNamedOnTheCommandLine()
      throws Exception {
    touch("d/one.rrd");
    touch("d/sub/two.rrd");
    touch("d/clip.mp4");
    touch("d/notes.txt");
    Path named = touch("named.mp4");
    List<BatchInputs.Item> items =
        BatchInputs.expand(
            List.of(dir.resolve("d").toString(), named.toString()), "*.rrd", BatchInputs.MEDIA);
    String d = dir.resolve("d").toString();
    assertThat(paths(items))
        .containsExactlyElementsOf(
            java.util.stream.Stream.of(d + "/one.rrd", d + "/sub/two.rrd", named.toString())
                .sorted()
                .toList());
    // braces: one of several patterns
    assertThat(paths(BatchInputs.expand(List.of(d), "*.{mp4,txt}", BatchInputs.MEDIA)))
        .containsExactly("clip.mp4", "notes.txt");
    // a glob can take names the command would not pick by itself
    assertThat(paths(BatchInputs.expand(List.of(d), "*.txt", BatchInputs.MEDIA)))
        .containsExactly("notes.txt");
  }

  @Test
  void amongSeveralArgumentsAFileIsShownAsWrittenAndADirectorysFilesWithItsPathAsWritten()
      throws Exception {
    touch("runs/2024/x.rrd");
    touch("runs/2025/x.rrd");
    Path file = touch("single.mp4");
    String a = dir.resolve("runs/2024").toString();
    String b = dir.resolve("runs/2025").toString() + "/"; // a trailing slash is not doubled
    List<BatchInputs.Item> items =
        BatchInputs.expand(List.of(b, file.toString(), a), null, BatchInputs.MEDIA);
    assertThat(paths(items)).containsExactly(a + "/x.rrd", b + "x.rrd", file.toString());
  }

  @Test
  void aListHoldsOnePathPerLineRelativeToTheWorkingDirectory() throws Exception {
    touch("l/one.rrd");
    touch("l/two.mp4");
    touch("l/dir/three.ivf");
    Path cwd = Path.of("").toAbsolutePath();
    String one = cwd.relativize(dir.resolve("l/one.rrd")).toString();
    String two = dir.resolve("l/two.mp4").toString(); // absolute paths stay absolute
    String sub = cwd.relativize(dir.resolve("l/dir")).toString();
    Path list = dir.resolve("lists/list.txt");
    Files.createDirectories(list.getParent());
    Files.writeString(
        list,
        "# recordings of the run\n" + one + "\n\n" + two + "\r\n" + sub + "\n" + "gone.rrd\n");
    List<BatchInputs.Item> items = BatchInputs.expand(List.of("@" + list), null, BatchInputs.MEDIA);
    assertThat(paths(items))
        .containsExactlyElementsOf(
            java.util.stream.Stream.of(one, two, sub + "/three.ivf", "gone.rrd").sorted().toList());
    BatchInputs.Item gone =
        items.stream().filter(i -> i.path().equals("gone.rrd")).findFirst().orElseThrow();
    assertThat(gone.failed()).isTrue();
    assertThat(gone.failure()).isInstanceOf(NoSuchFileException.class);
    assertThat(Main.exitCodeOf(gone.failure())).isEqualTo(ExitCode.IO);
    assertThat(items.stream().filter(i -> !i.failed()).map(BatchInputs.Item::file))
        .allMatch(Files::isRegularFile);
  }

  @Test
  void aMissingPathOrListIsAFailedItemNotAnErrorOfTheWholeBatch() throws Exception {
    Path ok = touch("ok.rrd");
    String missing = dir.resolve("missing.rrd").toString();
    String missingList = "@" + dir.resolve("missing.txt");
    List<BatchInputs.Item> items =
        BatchInputs.expand(List.of(ok.toString(), missing, missingList), null, BatchInputs.MEDIA);
    assertThat(paths(items))
        .containsExactlyElementsOf(
            java.util.stream.Stream.of(ok.toString(), missing, missingList).sorted().toList());
    assertThat(items.stream().filter(BatchInputs.Item::failed).map(BatchInputs.Item::path))
        .containsExactlyInAnyOrder(missing, missingList);
    assertThat(items).filteredOn(BatchInputs.Item::failed).allMatch(i -> i.file() == null);
  }

  @Test
  void linksAreFollowedOnceAFileReachedTwiceIsTakenOnceAndADanglingLinkFails() throws Exception {
    Path real = touch("d/real.rrd");
    Files.createSymbolicLink(dir.resolve("d/alias.rrd"), real);
    Files.createDirectories(dir.resolve("d/sub"));
    Files.createSymbolicLink(dir.resolve("d/sub/loop"), dir.resolve("d")); // a cycle
    Files.createSymbolicLink(dir.resolve("d/dangling.rrd"), dir.resolve("nowhere.rrd"));
    Path outside = touch("elsewhere/out.mp4");
    Files.createSymbolicLink(dir.resolve("d/linked"), outside.getParent());
    List<BatchInputs.Item> items =
        BatchInputs.expand(List.of(dir.resolve("d").toString()), null, BatchInputs.MEDIA);
    // alias.rrd and real.rrd are one file: shown under the first path in order
    assertThat(paths(items)).containsExactly("alias.rrd", "dangling.rrd", "linked/out.mp4");
    assertThat(items.get(1).failed()).isTrue();
    // the same file named twice on the command line
    assertThat(
            paths(
                BatchInputs.expand(
                    List.of(real.toString(), dir.resolve("d/../d/real.rrd").toString()),
                    null,
                    BatchInputs.MEDIA)))
        .hasSize(1);
  }

  @Test
  void stdinIsOneInputOnItsOwn() throws Exception {
    Path ok = touch("ok.rrd");
    assertThatThrownBy(
            () -> BatchInputs.expand(List.of("-", ok.toString()), null, BatchInputs.MEDIA))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("- (stdin) is one input on its own")
        .extracting(e -> ((CliException) e).exitCode())
        .isEqualTo(ExitCode.USAGE);
  }

  @Test
  void aBatchIsSeveralArgumentsADirectoryOrAList() throws Exception {
    Path ok = touch("ok.rrd");
    assertThat(BatchInputs.isBatch(List.of(ok.toString()))).isFalse();
    assertThat(BatchInputs.isBatch(List.of("-"))).isFalse();
    assertThat(BatchInputs.isBatch(List.of(dir.resolve("missing.rrd").toString()))).isFalse();
    assertThat(BatchInputs.isBatch(List.of(dir.toString()))).isTrue();
    assertThat(BatchInputs.isBatch(List.of("@list.txt"))).isTrue();
    assertThat(BatchInputs.isBatch(List.of(ok.toString(), ok.toString()))).isTrue();
  }

  @Test
  void aGlobThatDoesNotParseIsAUsageError() {
    assertThatThrownBy(() -> BatchInputs.expand(List.of(dir.toString()), "[a", BatchInputs.MEDIA))
        .isInstanceOf(CliException.class)
        .hasMessageStartingWith("--glob '[a'");
  }

  @Test
  void aListThatIsNoTextOrHoldsANulIsMalformedAndTheOtherInputsGoOn() throws Exception {
    Path ok = touch("ok.rrd");
    Path binary = dir.resolve("binary.txt");
    Files.write(binary, new byte[] {'a', '.', 'r', 'r', 'd', '\n', (byte) 0xC3, '(', '\n'});
    Path nul = dir.resolve("nul.txt");
    Files.writeString(nul, "# ok\na.rrd\nb\u0000.rrd\n");
    List<BatchInputs.Item> items =
        BatchInputs.expand(
            List.of(ok.toString(), "@" + binary, "@" + nul), null, BatchInputs.MEDIA);
    assertThat(items).hasSize(3);
    assertThat(items.get(0).file()).isEqualTo(ok); // '/' sorts before '@'
    BatchInputs.Item b = items.get(1);
    assertThat(b.path()).isEqualTo("@" + binary);
    assertThat(Main.exitCodeOf(b.failure())).isEqualTo(ExitCode.MALFORMED);
    assertThat(b.failure())
        .hasMessage(
            "list " + binary + " is not a text file: expected UTF-8, found byte 0xc3 at offset 6");
    BatchInputs.Item n = items.get(2);
    assertThat(Main.exitCodeOf(n.failure())).isEqualTo(ExitCode.MALFORMED);
    assertThat(n.failure())
        .hasMessage("list " + nul + " holds a NUL character at offset 12: a path cannot hold one");
    assertThat(BatchInputs.listEntries("a\r\nb\rc\n\n  \n#d\n e \n".getBytes(), "l"))
        .containsExactly("a", "b", "c", " e ");
  }
}
