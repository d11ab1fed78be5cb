package dev.rrdvideo.format;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Which program produced a store ({@code StoreInfo.store_source}).
 *
 * <p>{@code extra} holds a kind-specific payload: UTF-8 text for {@link Kind#OTHER} (a tool name),
 * a protobuf {@code PythonVersion}, {@code CrateInfo} or {@code FileSource} for the SDK and file
 * kinds. rrdvideo writes {@code OTHER} with its own name.
 */
public final class StoreSource {
  /** The source kinds of {@code StoreSourceKind}, plus {@link #UNKNOWN} for other values. */
  public enum Kind {
    /** 0: unspecified. */
    UNSPECIFIED,
    /** 1: the C SDK. */
    C_SDK,
    /** 2: the Python SDK. */
    PYTHON_SDK,
    /** 3: the Rust SDK. */
    RUST_SDK,
    /** 4: a file imported by the viewer or CLI. */
    FILE,
    /** 5: the viewer itself. */
    VIEWER,
    /** 6: another tool, named by the UTF-8 extra payload. */
    OTHER,
    /** A value this library does not know. */
    UNKNOWN
  }

  private final Kind kind;
  private final int kindCode;
  private final byte[] extra;

  /**
   * Creates a store source.
   *
   * @param kindCode the raw {@code StoreSourceKind} value
   * @param extra the extra payload (copied)
   */
  public StoreSource(int kindCode, byte[] extra) {
    this.kindCode = kindCode;
    this.kind = kindCode >= 0 && kindCode <= 6 ? Kind.values()[kindCode] : Kind.UNKNOWN;
    this.extra = extra.clone();
  }

  /** Returns an {@code OTHER} source named {@code toolName}. */
  public static StoreSource other(String toolName) {
    return new StoreSource(6, toolName.getBytes(StandardCharsets.UTF_8));
  }

  /** Returns the kind. */
  public Kind kind() {
    return kind;
  }

  /** Returns the raw kind value. */
  public int kindCode() {
    return kindCode;
  }

  /** Returns a copy of the extra payload. */
  public byte[] extra() {
    return extra.clone();
  }

  /** Returns a short human description, e.g. {@code other "rrdvideo"} or {@code file}. */
  public String describe() {
    String k = kind.name().toLowerCase(java.util.Locale.ROOT);
    if (kind == Kind.OTHER) {
      return k + " \"" + new String(extra, StandardCharsets.UTF_8) + "\"";
    }
    return k;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoreSource
        && ((StoreSource) o).kindCode == kindCode
        && Arrays.equals(((StoreSource) o).extra, extra);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kindCode, Arrays.hashCode(extra));
  }

  @Override
  public String toString() {
    return describe();
  }
}
