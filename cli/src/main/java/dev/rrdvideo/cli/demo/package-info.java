/**
 * The synthetic video behind {@code rrdvideo demo}: {@link dev.rrdvideo.cli.demo.DemoFrames}
 * renders a gold ball bouncing over a blue-to-purple gradient and {@link
 * dev.rrdvideo.cli.demo.DemoEncoder} encodes it to H.264 with JCodec's pure-Java encoder.
 *
 * <p>It does not write recordings (the {@code demo} command does that with the format library) and
 * is not a general-purpose encoder: JCodec produces Constrained Baseline with a fixed rate control,
 * good enough for a demo, not for archival video.
 */
package dev.rrdvideo.cli.demo;
