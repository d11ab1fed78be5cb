/**
 * Protobuf transport layer: classes generated at build time from {@code
 * src/main/proto/rrd_transport.proto} (our own schema written from the spec's field tables) and
 * {@link dev.rrdvideo.format.internal.proto.TransportCodec}, which converts them to and from the
 * public message types.
 *
 * <p>Does not decompress or decode Arrow. Not API.
 */
package dev.rrdvideo.format.internal.proto;
