/** Bit reading (RBSP, Exp-Golomb, uvlc) for the bitstream parsers. Not API. */
package dev.rrdvideo.media.bitstream.internal;
