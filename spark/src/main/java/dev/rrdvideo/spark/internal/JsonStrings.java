package dev.rrdvideo.spark.internal;

import java.util.ArrayList;
import java.util.List;

/** Parses the JSON array of strings Spark passes as option {@code paths}. */
final class JsonStrings {
  private JsonStrings() {}

  /**
   * Parses {@code ["a","b"]}.
   *
   * @throws IllegalArgumentException if the text is not a JSON array of strings
   */
  static List<String> parseArray(String json) {
    List<String> out = new ArrayList<>();
    int i = skip(json, 0);
    expect(json, i++, '[');
    i = skip(json, i);
    if (i < json.length() && json.charAt(i) == ']') {
      return end(json, i + 1, out);
    }
    while (true) {
      i = skip(json, i);
      expect(json, i++, '"');
      StringBuilder sb = new StringBuilder();
      while (true) {
        if (i >= json.length()) {
          throw bad(json);
        }
        char c = json.charAt(i++);
        if (c == '"') {
          break;
        }
        if (c == '\\') {
          if (i >= json.length()) {
            throw bad(json);
          }
          char e = json.charAt(i++);
          switch (e) {
            case '"', '\\', '/' -> sb.append(e);
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'u' -> {
              if (i + 4 > json.length()) {
                throw bad(json);
              }
              try {
                sb.append((char) Integer.parseInt(json.substring(i, i + 4), 16));
              } catch (NumberFormatException x) {
                throw bad(json);
              }
              i += 4;
            }
            default -> throw bad(json);
          }
        } else {
          sb.append(c);
        }
      }
      out.add(sb.toString());
      i = skip(json, i);
      if (i < json.length() && json.charAt(i) == ',') {
        i++;
        continue;
      }
      expect(json, i, ']');
      return end(json, i + 1, out);
    }
  }

  private static List<String> end(String json, int i, List<String> out) {
    if (skip(json, i) != json.length()) {
      throw bad(json);
    }
    return out;
  }

  private static int skip(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static void expect(String s, int i, char c) {
    if (i >= s.length() || s.charAt(i) != c) {
      throw bad(s);
    }
  }

  private static IllegalArgumentException bad(String json) {
    return new IllegalArgumentException(
        "option paths: expected a JSON array of strings, found " + json);
  }
}
