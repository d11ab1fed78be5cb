package dev.rrdvideo.spark.internal;

import java.io.Serializable;

/**
 * A file to read.
 *
 * @param path fully qualified path as Hadoop writes it (the {@code path} column; not URI-escaped)
 * @param uri the same path as an escaped URI, to open the file by
 * @param sizeBytes size from the listing
 * @param modifiedMillis modification time from the listing (to tell versions of a file apart)
 */
record FileRef(String path, String uri, long sizeBytes, long modifiedMillis)
    implements Serializable {}
