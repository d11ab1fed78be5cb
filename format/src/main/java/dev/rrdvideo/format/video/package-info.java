/**
 * Typed video views over chunks: {@code VideoStream}, {@code AssetVideo} and {@code
 * VideoFrameReference}, the codec enumeration, and the columnar {@link
 * dev.rrdvideo.format.video.SampleTable} that every module uses to describe samples.
 *
 * <p>This package does not parse bitstreams (NAL units, OBUs) nor containers (MP4): that is the
 * {@code convert} module's job. It reads and writes only what the Rerun data model stores.
 */
package dev.rrdvideo.format.video;
