/**
 * The footer manifest (random-access index): building it while writing and decoding it when
 * reading. Column layout follows Rerun 0.33-0.36 ({@code re_log_encoding/src/rrd/footer}).
 *
 * <p>Does no file I/O; the stream footer frame itself is in {@code internal.frame}. Not API.
 */
package dev.rrdvideo.format.internal.footer;
