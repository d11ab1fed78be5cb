package dev.rrdvideo.inspect;

import dev.rrdvideo.format.RrdReadOptions;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.media.MediaKind;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link VideoDiff#compare} compares: for each side the entity of a recording and the kind of
 * the input, and how recordings are read. Defaults ({@link #defaults()}): the first video stream of
 * each side, kinds told by the files ({@link MediaKind#detect}), {@link RrdReadOptions#defaults()}.
 * An option that is not set is absent ({@link Optional}), never {@code null}.
 */
public final class DiffOptions {
  private static final DiffOptions DEFAULTS = builder().build();

  private final EntityPath entityA;
  private final EntityPath entityB;
  private final MediaKind kindA;
  private final MediaKind kindB;
  private final RrdReadOptions readOptions;

  private DiffOptions(Builder b) {
    this.entityA = b.entityA;
    this.entityB = b.entityB;
    this.kindA = b.kindA;
    this.kindB = b.kindB;
    this.readOptions = b.readOptions;
  }

  /** Returns a builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the defaults. */
  public static DiffOptions defaults() {
    return DEFAULTS;
  }

  /** Returns the entity compared when A is a recording; absent: its first video stream. */
  public Optional<EntityPath> entityA() {
    return Optional.ofNullable(entityA);
  }

  /** Returns the entity compared when B is a recording; absent: its first video stream. */
  public Optional<EntityPath> entityB() {
    return Optional.ofNullable(entityB);
  }

  /** Returns the kind of A; absent: told by the file. */
  public Optional<MediaKind> kindA() {
    return Optional.ofNullable(kindA);
  }

  /** Returns the kind of B; absent: told by the file. */
  public Optional<MediaKind> kindB() {
    return Optional.ofNullable(kindB);
  }

  /** Returns how recordings are read (both sides). */
  public RrdReadOptions readOptions() {
    return readOptions;
  }

  /** Returns the scan options of side A ({@code a}) or B. */
  ScanOptions.Builder scanOptions(boolean a) {
    ScanOptions.Builder b = ScanOptions.builder().readOptions(readOptions);
    EntityPath entity = a ? entityA : entityB;
    MediaKind kind = a ? kindA : kindB;
    if (entity != null) {
      b.entity(entity);
    }
    if (kind != null) {
      b.kind(kind);
    }
    return b;
  }

  /** Builds {@link DiffOptions}. Setters refuse {@code null}: leave an option unset instead. */
  public static final class Builder {
    private EntityPath entityA;
    private EntityPath entityB;
    private MediaKind kindA;
    private MediaKind kindB;
    private RrdReadOptions readOptions = RrdReadOptions.defaults();

    private Builder() {}

    /** Compares this entity of A (a recording). */
    public Builder entityA(EntityPath entity) {
      this.entityA = Objects.requireNonNull(entity, "entity is null");
      return this;
    }

    /** Compares this entity of B (a recording). */
    public Builder entityB(EntityPath entity) {
      this.entityB = Objects.requireNonNull(entity, "entity is null");
      return this;
    }

    /** Sets the kind of A (for inputs whose name and first bytes do not tell). */
    public Builder kindA(MediaKind kind) {
      this.kindA = Objects.requireNonNull(kind, "kind is null");
      return this;
    }

    /** Sets the kind of B. */
    public Builder kindB(MediaKind kind) {
      this.kindB = Objects.requireNonNull(kind, "kind is null");
      return this;
    }

    /** Sets how recordings are read (default: {@link RrdReadOptions#defaults()}). */
    public Builder readOptions(RrdReadOptions readOptions) {
      this.readOptions = Objects.requireNonNull(readOptions, "readOptions is null");
      return this;
    }

    /** Returns the options. */
    public DiffOptions build() {
      return new DiffOptions(this);
    }
  }
}
