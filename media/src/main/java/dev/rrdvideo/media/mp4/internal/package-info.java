/**
 * Implementation of the MP4 reader and writer: the bounds-checked box cursor, the {@code moov} and
 * {@code moof} parsers, the codec configuration record codecs, and the box writer. Not API: types
 * here may change at any time.
 */
package dev.rrdvideo.media.mp4.internal;
