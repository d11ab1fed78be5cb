package dev.rrdvideo.cli;

/**
 * The documented exit codes of the {@code rrdvideo} command.
 *
 * <table>
 *   <caption>Exit codes</caption>
 *   <tr><th>code</th><th>meaning</th></tr>
 *   <tr><td>0</td><td>success</td></tr>
 *   <tr><td>1</td><td>internal error (a bug in rrdvideo)</td></tr>
 *   <tr><td>2</td><td>usage error (bad arguments)</td></tr>
 *   <tr><td>3</td><td>malformed input</td></tr>
 *   <tr><td>4</td><td>unsupported input (valid, but not something rrdvideo can do)</td></tr>
 *   <tr><td>5</td><td>other I/O error (missing file, permission, disk full)</td></tr>
 *   <tr><td>6</td><td>checks failed ({@code verify}, {@code check}, {@code diff})</td></tr>
 * </table>
 */
public final class ExitCode {
  /** Success. */
  public static final int OK = 0;

  /** Internal error: a bug. */
  public static final int INTERNAL = 1;

  /** Usage error. */
  public static final int USAGE = 2;

  /** Malformed input. */
  public static final int MALFORMED = 3;

  /** Unsupported input. */
  public static final int UNSUPPORTED = 4;

  /** Other I/O error. */
  public static final int IO = 5;

  /** Checks failed. */
  public static final int CHECKS_FAILED = 6;

  private ExitCode() {}
}
