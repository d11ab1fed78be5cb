package dev.rrdvideo.format;

/** Whether a store holds recording data or a viewer blueprint. */
public enum StoreKind {
  /** A recording (also what an unspecified kind means). */
  RECORDING,
  /** A blueprint (viewer layout). */
  BLUEPRINT
}
