package dev.rrdvideo.inspect;

/**
 * The outcome of one rule on one stream.
 *
 * @param rule the rule
 * @param stream the entity (or file) checked
 * @param status pass, fail or skipped
 * @param violations number of samples (or GOPs) that break the rule
 * @param firstSample index (decode order) of the first offending sample, or -1 when there is none
 *     (the rule passed, or is about the whole stream); {@link Reports} writes it as absent
 * @param message one line: what was expected and what was found
 */
public record CheckResult(
    CheckRule rule,
    String stream,
    Status status,
    long violations,
    long firstSample,
    String message) {
  /** The status of a rule. */
  public enum Status {
    /** The rule holds. */
    PASS,
    /** The rule is broken. */
    FAIL,
    /** The rule could not be evaluated (e.g. no bitstream information). */
    SKIPPED
  }
}
