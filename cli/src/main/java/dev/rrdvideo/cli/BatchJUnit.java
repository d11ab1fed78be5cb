package dev.rrdvideo.cli;

import dev.rrdvideo.inspect.CheckResult;
import dev.rrdvideo.inspect.Reports;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JUnit XML report of {@code check} on many files: one {@code <testsuite>} per file, named by
 * its path, with one {@code <testcase>} per rule and stream ({@code name} the rule id, {@code
 * classname} the path and the stream), a failed rule as {@code <failure>}, a rule not evaluated as
 * {@code <skipped>}; a file that could not be read is a suite with one test case {@code read} that
 * holds an {@code <error>}. The {@code <testsuites>} root carries the totals of its suites ({@code
 * tests}, {@code failures}, {@code errors}, {@code skipped}), the shape Jenkins, GitLab, GitHub
 * Actions reporters and Azure DevOps read.
 *
 * <p>The suites are written to a {@link SpillBuffer} as the files come, so memory does not grow
 * with their number; {@link #finish} writes the root with the totals, then the suites.
 */
final class BatchJUnit {
  private final SpillBuffer suites = new SpillBuffer();
  private final Writer w = new OutputStreamWriter(suites, StandardCharsets.UTF_8);
  private long tests;
  private long failures;
  private long errors;
  private long skipped;

  /** Adds the suite of a file that was checked. */
  void checked(String path, List<CheckResult> results) throws IOException {
    long f = count(results, CheckResult.Status.FAIL);
    long s = count(results, CheckResult.Status.SKIPPED);
    suite(path, results.size(), f, 0, s);
    Map<String, List<CheckResult>> byStream = new LinkedHashMap<>();
    for (CheckResult r : results) {
      byStream.computeIfAbsent(r.stream(), k -> new ArrayList<>()).add(r);
    }
    for (Map.Entry<String, List<CheckResult>> e : byStream.entrySet()) {
      Reports.junitTestCases(e.getValue(), path + " " + e.getKey(), w);
    }
    w.write("  </testsuite>\n");
    tests += results.size();
    failures += f;
    skipped += s;
  }

  /** Adds the suite of a file that failed as a whole ({@code no video streams to check}). */
  void failed(String path, String test, String message) throws IOException {
    suite(path, 1, 1, 0, 0);
    w.write(
        "    <testcase classname=\""
            + Reports.xmlEscaped(path)
            + "\" name=\""
            + Reports.xmlEscaped(test)
            + "\">\n      <failure message=\""
            + Reports.xmlEscaped(message)
            + "\" type=\""
            + Reports.xmlEscaped(test)
            + "\">"
            + Reports.xmlEscaped(message)
            + "</failure>\n    </testcase>\n  </testsuite>\n");
    tests++;
    failures++;
  }

  /** Adds the suite of a file that could not be read, with the error and its exit code. */
  void unreadable(String path, String message, int exitCode) throws IOException {
    suite(path, 1, 0, 1, 0);
    String type =
        switch (exitCode) {
          case ExitCode.MALFORMED -> "malformed-input";
          case ExitCode.UNSUPPORTED -> "unsupported-input";
          case ExitCode.IO -> "io-error";
          case ExitCode.USAGE -> "usage";
          default -> "internal-error";
        };
    w.write(
        "    <testcase classname=\""
            + Reports.xmlEscaped(path)
            + "\" name=\"read\">\n      <error message=\""
            + Reports.xmlEscaped(message)
            + "\" type=\""
            + type
            + "\">"
            + Reports.xmlEscaped(message)
            + "</error>\n    </testcase>\n  </testsuite>\n");
    tests++;
    errors++;
  }

  private void suite(String path, long n, long f, long e, long s) throws IOException {
    w.write(
        "  <testsuite name=\""
            + Reports.xmlEscaped(path)
            + "\" tests=\""
            + n
            + "\" failures=\""
            + f
            + "\" errors=\""
            + e
            + "\" skipped=\""
            + s
            + "\">\n");
  }

  /** Writes the report: the root with the totals, then the suites; deletes the buffer. */
  void finish(OutputStream out) throws IOException {
    w.flush();
    suites.close();
    try {
      Writer o = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      o.write(
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"rrdvideo check\""
              + " tests=\""
              + tests
              + "\" failures=\""
              + failures
              + "\" errors=\""
              + errors
              + "\" skipped=\""
              + skipped
              + "\">\n");
      o.flush();
      suites.copyTo(out);
      o.write("</testsuites>\n");
      o.flush();
    } finally {
      suites.delete();
    }
  }

  /** Deletes the buffer (a run that ends without a report). */
  void discard() throws IOException {
    suites.delete();
  }

  private static long count(List<CheckResult> results, CheckResult.Status status) {
    return results.stream().filter(r -> r.status() == status).count();
  }
}
