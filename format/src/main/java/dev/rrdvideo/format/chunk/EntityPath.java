package dev.rrdvideo.format.chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Rerun entity path such as {@code /camera/video}: a list of parts.
 *
 * <p>The text form joins parts with {@code /} after a leading {@code /}. A part is written as-is
 * when every character is a letter, digit, {@code _}, {@code -} or {@code .}; other characters are
 * escaped with a backslash ({@code \n}, {@code \r}, {@code \t}, {@code \} + the character for ASCII
 * punctuation and space, <code>&#92;u{XXXX}</code> otherwise), as in Rerun (video-data-model.md
 * 1.6).
 *
 * @param parts the unescaped parts; empty for the root
 */
public record EntityPath(List<String> parts) {
  /** The root path {@code /}. */
  public static final EntityPath ROOT = new EntityPath(List.of());

  /** Copies and validates the parts (none may be empty). */
  public EntityPath {
    parts = List.copyOf(parts);
    for (String p : parts) {
      if (p.isEmpty()) {
        throw new IllegalArgumentException("entity path parts must not be empty");
      }
    }
  }

  /** Returns the path with the given unescaped parts. */
  public static EntityPath of(String... parts) {
    return new EntityPath(List.of(parts));
  }

  /**
   * Parses the escaped text form ({@code /a/b}, leading slash optional, empty parts skipped).
   *
   * @throws IllegalArgumentException for a dangling or malformed escape
   */
  public static EntityPath parse(String text) {
    Objects.requireNonNull(text, "text is null");
    List<String> parts = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '/') {
        if (cur.length() > 0) {
          parts.add(cur.toString());
          cur.setLength(0);
        }
      } else if (c == '\\') {
        if (i + 1 >= text.length()) {
          throw new IllegalArgumentException(
              "dangling escape at end of entity path '" + text + "'");
        }
        char e = text.charAt(++i);
        switch (e) {
          case 'n':
            cur.append('\n');
            break;
          case 'r':
            cur.append('\r');
            break;
          case 't':
            cur.append('\t');
            break;
          case 'u':
            int close = text.indexOf('}', i);
            if (i + 1 >= text.length() || text.charAt(i + 1) != '{' || close < 0) {
              throw new IllegalArgumentException(
                  "bad \\u{...} escape in entity path '" + text + "'");
            }
            try {
              cur.appendCodePoint(Integer.parseInt(text.substring(i + 2, close), 16));
            } catch (IllegalArgumentException ex) {
              throw new IllegalArgumentException(
                  "bad \\u{...} escape in entity path '" + text + "'", ex);
            }
            i = close;
            break;
          default:
            cur.append(e);
        }
      } else {
        cur.append(c);
      }
    }
    if (cur.length() > 0) {
      parts.add(cur.toString());
    }
    return new EntityPath(parts);
  }

  /** Returns whether this is the root path. */
  public boolean isRoot() {
    return parts.isEmpty();
  }

  /** Returns the last part, or the empty string for the root. */
  public String last() {
    return parts.isEmpty() ? "" : parts.get(parts.size() - 1);
  }

  // equals and hashCode written out: a record's generated ones are bootstrapped through
  // java.lang.runtime.ObjectMethods on first use, a few ms of a short command's start-up (entity
  // paths are map keys on every read path)

  @Override
  public boolean equals(Object o) {
    return o instanceof EntityPath p && parts.equals(p.parts);
  }

  @Override
  public int hashCode() {
    return parts.hashCode();
  }

  @Override
  public String toString() {
    if (parts.isEmpty()) {
      return "/";
    }
    StringBuilder sb = new StringBuilder();
    for (String p : parts) {
      sb.append('/');
      escapePart(p, sb);
    }
    return sb.toString();
  }

  private static void escapePart(String p, StringBuilder sb) {
    for (int i = 0; i < p.length(); ) {
      int cp = p.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp) || cp == '_' || cp == '-' || cp == '.') {
        sb.appendCodePoint(cp);
      } else if (cp == '\n') {
        sb.append("\\n");
      } else if (cp == '\r') {
        sb.append("\\r");
      } else if (cp == '\t') {
        sb.append("\\t");
      } else if (cp < 0x80 && (cp == ' ' || isAsciiPunctuation(cp))) {
        sb.append('\\').appendCodePoint(cp);
      } else {
        sb.append("\\u{").append(Integer.toHexString(cp).toUpperCase(java.util.Locale.ROOT));
        sb.append('}');
      }
    }
  }

  private static boolean isAsciiPunctuation(int c) {
    return (c >= 0x21 && c <= 0x2F)
        || (c >= 0x3A && c <= 0x40)
        || (c >= 0x5B && c <= 0x60)
        || (c >= 0x7B && c <= 0x7E);
  }
}
