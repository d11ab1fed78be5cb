package dev.rrdvideo.spark.internal;

import java.io.Serializable;

/**
 * A file to read.
 *
 * @param path fully qualified path (the {@code path} column)
 * @param sizeBytes size from the listing
 */
record FileRef(String path, long sizeBytes) implements Serializable {}
