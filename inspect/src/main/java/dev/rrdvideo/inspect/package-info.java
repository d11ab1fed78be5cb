/**
 * Looks at the video in recordings, MP4s and raw streams, sample by sample: {@link
 * dev.rrdvideo.inspect.SampleScanner} turns any input into {@link dev.rrdvideo.inspect.SampleRow}s
 * (one per sample, with the bitstream's view from a {@link dev.rrdvideo.inspect.SampleAnalyzer})
 * for a {@link dev.rrdvideo.inspect.SampleListener}; the listeners here write them as tables
 * ({@link dev.rrdvideo.inspect.SampleTableWriter}, {@link dev.rrdvideo.inspect.GopTableWriter},
 * {@link dev.rrdvideo.inspect.ReferenceTableWriter} in the {@link
 * dev.rrdvideo.inspect.TableFormat}s), aggregate them ({@link dev.rrdvideo.inspect.VideoSummary})
 * or check them against the {@link dev.rrdvideo.inspect.CheckRule}s ({@link
 * dev.rrdvideo.inspect.VideoChecker}); {@link dev.rrdvideo.inspect.VideoDiff} compares two inputs
 * and {@link dev.rrdvideo.inspect.Reports} renders results as text, JSON or JUnit XML. {@link
 * dev.rrdvideo.inspect.RecordingParts} scans a large recording in parts that can run in parallel
 * (each continuing from the {@link dev.rrdvideo.inspect.StreamContext} of the parts before it) with
 * the rows of one scan; {@link dev.rrdvideo.inspect.ScanOptions#ptsRange()} restricts a scan to a
 * time range, leaving the sample chunks outside it unread where the rows do not need them.
 *
 * <p>This package does not convert or write recordings (that is {@code convert}, which it does not
 * use), does not parse containers or bitstreams itself (it uses the {@code media} module), never
 * decodes pictures, and never prints or exits: the writers write to the stream they are given.
 * Memory is bounded per stream, whatever the input's length.
 */
package dev.rrdvideo.inspect;
