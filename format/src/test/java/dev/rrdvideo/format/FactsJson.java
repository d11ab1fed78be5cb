package dev.rrdvideo.format;

import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Arrow types printed the way the facts of the real Rerun files print them (apache-arrow JS); the
 * facts themselves are read with {@link dev.rrdvideo.testdata.RerunFacts}.
 */
final class FactsJson {
  private FactsJson() {}

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
}
