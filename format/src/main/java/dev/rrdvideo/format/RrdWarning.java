package dev.rrdvideo.format;

/**
 * A problem a reader recovered from, reported through {@link RrdReadOptions#warnings()}.
 *
 * @param message what happened, one line
 * @param source the input name, or {@code null}
 * @param offset absolute byte offset, or {@code -1}
 */
public record RrdWarning(String message, String source, long offset) {
  @Override
  public String toString() {
    return message
        + (offset >= 0
            ? " (at offset " + offset + (source != null ? " in " + source : "") + ")"
            : "");
  }
}
