/**
 * Implementation of the report's thumbnails, public for the fuzz targets only: not an API. {@link
 * dev.rrdvideo.inspect.report.internal.H264Thumbnailer} decodes one H.264 keyframe with JCodec
 * after checking what it declares; {@link dev.rrdvideo.inspect.report.internal.Png} writes the
 * picture.
 */
package dev.rrdvideo.inspect.report.internal;
