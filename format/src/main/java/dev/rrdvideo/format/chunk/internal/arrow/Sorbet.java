package dev.rrdvideo.format.chunk.internal.arrow;

import dev.rrdvideo.format.chunk.ComponentDescriptor;
import dev.rrdvideo.format.chunk.TimeType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Names, metadata keys and field constructors of Rerun's chunk schema ("Sorbet" 0.1.3).
 *
 * <p>Source: video-data-model.md sections 1-5; Rerun {@code crates/store/re_sorbet} (0.36.2).
 * Fields are built explicitly (never derived from vectors) so that list children are named {@code
 * item} exactly as Rerun writes them.
 */
public final class Sorbet {
  /** Sorbet version we write. */
  public static final String VERSION = "0.1.3";

  /** Schema key: Sorbet version. */
  public static final String KEY_VERSION = "sorbet:version";

  /** Schema key: chunk id ({@code chunk_} + TUID). */
  public static final String KEY_ID = "rerun:id";

  /** Legacy schema key of the chunk id. */
  public static final String KEY_ID_LEGACY = "rerun.id";

  /** Schema key: entity path. */
  public static final String KEY_ENTITY_PATH = "rerun:entity_path";

  /** Field key: column kind. */
  public static final String KEY_KIND = "rerun:kind";

  /** Field key: sorted flag. */
  public static final String KEY_IS_SORTED = "rerun:is_sorted";

  /** Field key: timeline name of an index column. */
  public static final String KEY_INDEX_NAME = "rerun:index_name";

  /** Field key: component identifier. */
  public static final String KEY_COMPONENT = "rerun:component";

  /** Field key: archetype full name. */
  public static final String KEY_ARCHETYPE = "rerun:archetype";

  /** Field key: component type full name. */
  public static final String KEY_COMPONENT_TYPE = "rerun:component_type";

  /** Name of the row-id column. */
  public static final String ROW_ID_NAME = "rerun.controls.RowId";

  /** Name of list children. */
  public static final String ITEM = "item";

  private Sorbet() {}

  /**
   * Compares two {@code sorbet:version} values {@code MAJOR.MINOR.PATCH} numerically (missing parts
   * count as 0); a value that is not such a version compares as equal, so it is left alone.
   */
  public static int compareVersions(String a, String b) {
    int[] x = parseVersion(a);
    int[] y = parseVersion(b);
    if (x == null || y == null) {
      return 0;
    }
    for (int i = 0; i < 3; i++) {
      int c = Integer.compare(x[i], y[i]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static int[] parseVersion(String v) {
    String[] p = v.split("\\.", -1);
    if (p.length == 0 || p.length > 3) {
      return null;
    }
    int[] n = new int[3];
    for (int i = 0; i < p.length; i++) {
      if (p[i].isEmpty()
          || p[i].length() > 9
          || !p[i].chars().allMatch(c -> c >= '0' && c <= '9')) {
        return null;
      }
      n[i] = Integer.parseInt(p[i]);
    }
    return n;
  }

  /** Returns the row-id field. */
  public static Field rowIdField(boolean sorted) {
    Map<String, String> md = new LinkedHashMap<>();
    md.put(KEY_KIND, "control");
    md.put("ARROW:extension:name", "rerun.datatypes.TUID");
    md.put("ARROW:extension:metadata", "{\"namespace\":\"row\"}");
    if (sorted) {
      md.put(KEY_IS_SORTED, "true");
    }
    return new Field(
        ROW_ID_NAME, new FieldType(false, new ArrowType.FixedSizeBinary(16), null, md), null);
  }

  /** Returns the Arrow type of a timeline's index column. */
  public static ArrowType timeArrowType(TimeType type) {
    switch (type) {
      case SEQUENCE:
        return new ArrowType.Int(64, true);
      case DURATION:
        return new ArrowType.Duration(TimeUnit.NANOSECOND);
      case TIMESTAMP:
        return new ArrowType.Timestamp(TimeUnit.NANOSECOND, null);
      default:
        throw new IllegalArgumentException(String.valueOf(type));
    }
  }

  /** Returns the index field of timeline {@code name}. */
  public static Field indexField(String name, TimeType type, boolean sorted) {
    Map<String, String> md = new LinkedHashMap<>();
    md.put(KEY_KIND, "index");
    md.put(KEY_INDEX_NAME, name);
    if (sorted) {
      md.put(KEY_IS_SORTED, "true");
    }
    return new Field(name, new FieldType(true, timeArrowType(type), null, md), null);
  }

  /** Returns the descriptor metadata of a component column. */
  public static Map<String, String> componentMetadata(ComponentDescriptor d) {
    Map<String, String> md = new LinkedHashMap<>();
    md.put(KEY_KIND, "data");
    if (d.archetype() != null) {
      md.put(KEY_ARCHETYPE, d.archetype());
    }
    md.put(KEY_COMPONENT, d.component());
    if (d.componentType() != null) {
      md.put(KEY_COMPONENT_TYPE, d.componentType());
    }
    return md;
  }

  /** Returns a component field {@code List<item: cell>} with the descriptor's metadata. */
  public static Field componentField(ComponentDescriptor d, Field cellItem) {
    return new Field(
        d.component(),
        new FieldType(true, ArrowType.List.INSTANCE, null, componentMetadata(d)),
        List.of(cellItem));
  }

  /** Returns the canonical list child of a cell of primitive type {@code type}. */
  public static Field item(ArrowType type) {
    return new Field(ITEM, FieldType.nullable(type), null);
  }

  /** Returns the canonical list child for a blob cell: {@code item: List<item: UInt8 NOT NULL>}. */
  public static Field blobItem() {
    Field bytes = new Field(ITEM, FieldType.notNullable(new ArrowType.Int(8, false)), null);
    return new Field(ITEM, FieldType.nullable(ArrowType.List.INSTANCE), List.of(bytes));
  }

  /** Arrow type {@code Float32}. */
  public static ArrowType float32() {
    return new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
  }
}
