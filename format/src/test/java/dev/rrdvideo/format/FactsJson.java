package dev.rrdvideo.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rrdvideo.testdata.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/** Reads the facts an independent (non-Java) decoder recorded for the real Rerun files. */
final class FactsJson {
  private FactsJson() {}

  static JsonNode load(String name) {
    try {
      return new ObjectMapper().readTree(TestData.bytes("rerun/" + name + ".facts.json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Renders a field's type the way the facts (apache-arrow JS) print it. */
  static String typeText(Field f) {
    ArrowType t = f.getType();
    if (t instanceof ArrowType.List) {
      return "List<" + typeText(f.getChildren().get(0)) + ">";
    }
    if (t instanceof ArrowType.Struct) {
      StringBuilder sb = new StringBuilder("Struct<{");
      for (int i = 0; i < f.getChildren().size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        Field c = f.getChildren().get(i);
        sb.append(c.getName()).append(':').append(typeText(c));
      }
      return sb.append("}>").toString();
    }
    if (t instanceof ArrowType.Int i) {
      return (i.getIsSigned() ? "Int" : "Uint") + i.getBitWidth();
    }
    if (t instanceof ArrowType.FixedSizeBinary b) {
      return "FixedSizeBinary[" + b.getByteWidth() + "]";
    }
    if (t instanceof ArrowType.Timestamp ts) {
      return "Timestamp<" + ts.getUnit() + ">";
    }
    if (t instanceof ArrowType.Duration d) {
      return "Duration<" + d.getUnit() + ">";
    }
    if (t instanceof ArrowType.Bool) {
      return "Bool";
    }
    if (t instanceof ArrowType.Utf8) {
      return "Utf8";
    }
    return t.toString();
  }

  /** Returns the metadata of a facts field as a map. */
  static Map<String, String> metadata(JsonNode field) {
    Map<String, String> m = new LinkedHashMap<>();
    field.get("metadata").properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }
}
