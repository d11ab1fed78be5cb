/**
 * The exceptions rrdvideo throws for bad or unsupported input: {@link
 * dev.rrdvideo.format.error.RrdVideoException} (an {@code IOException} carrying the byte offset and
 * the source name) and its subclasses {@link dev.rrdvideo.format.error.RrdFormatException}
 * (malformed input), {@link dev.rrdvideo.format.error.LimitExceededException} (a size beyond a
 * configured limit, thrown before allocating) and {@link
 * dev.rrdvideo.format.error.UnsupportedFeatureException} (valid input rrdvideo cannot carry). The
 * media module's {@code Mp4FormatException} and {@code BitstreamException} extend {@code
 * RrdFormatException}.
 *
 * <p>This package depends on nothing else of rrdvideo, so that every other package can throw its
 * exceptions without a package cycle.
 */
@NullMarked
package dev.rrdvideo.format.error;

import org.jspecify.annotations.NullMarked;
