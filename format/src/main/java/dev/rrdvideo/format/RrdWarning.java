package dev.rrdvideo.format;

/**
 * A problem a reader recovered from, reported through {@link RrdReadOptions#warnings()}.
 *
 * @param kind what sort of problem, for callers that treat some differently (a CI gate may fail on
 *     {@link Kind#TRUNCATED} and accept {@link Kind#NEWER_VERSION})
 * @param message what happened, one line
 * @param source the input name, or {@code null}
 * @param offset absolute byte offset, or {@code -1}
 */
public record RrdWarning(Kind kind, String message, String source, long offset) {
  /** The sorts of problems readers recover from. */
  public enum Kind {
    /** The stream header names a Rerun version newer than the newest this reader knows. */
    NEWER_VERSION,
    /** The input ends inside a stream header, message header, payload or stream footer. */
    TRUNCATED,
    /** Bytes after a complete message that are neither a message nor a new stream. */
    TRAILING_DATA,
    /** A stream footer that is malformed or does not match the End message it follows. */
    STREAM_FOOTER,
    /** A footer index that {@link RrdFile} cannot use, so it scanned the file instead. */
    FOOTER_UNUSABLE
  }

  /** Checks the fields. */
  public RrdWarning {
    java.util.Objects.requireNonNull(kind, "kind");
  }

  @Override
  public String toString() {
    return message
        + (offset >= 0
            ? " (at offset " + offset + (source != null ? " in " + source : "") + ")"
            : "");
  }
}
