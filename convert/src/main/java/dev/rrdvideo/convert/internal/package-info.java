/** Helpers of the converters (NAL framing). Not API. */
package dev.rrdvideo.convert.internal;
