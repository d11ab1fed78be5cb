/**
 * Typed video views over chunks: {@code VideoStream}, {@code AssetVideo} and {@code
 * VideoFrameReference}, and the codec enumeration.
 *
 * <p>This package does not parse bitstreams (NAL units, OBUs) nor containers (MP4): that is the
 * {@code media} module's job (which also holds the per-sample {@code SampleTable}). It reads and
 * writes only what the Rerun data model stores.
 */
package dev.rrdvideo.format.video;
