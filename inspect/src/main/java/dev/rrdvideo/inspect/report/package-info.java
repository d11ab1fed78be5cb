/**
 * A visual, self-contained HTML report of the video in recordings and media files: per stream the
 * summary, the check results with rule ids, charts drawn as inline SVG (frame interval, sample size
 * with keyframes, bitrate and GOP length over presentation time) and thumbnails of a few H.264
 * keyframes. {@link dev.rrdvideo.inspect.report.ReportCollector} builds the model of one input
 * while its samples stream through (memory bounded: charts are aggregated into a fixed number of
 * buckets, {@link dev.rrdvideo.inspect.report.BucketSeries}); {@link
 * dev.rrdvideo.inspect.report.HtmlReport} writes the models of one or more inputs as one HTML
 * document that loads nothing from anywhere.
 */
package dev.rrdvideo.inspect.report;
