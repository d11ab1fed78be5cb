/**
 * Reading and writing Rerun {@code .rrd} streams at the transport level.
 *
 * <p>Entry points: {@link dev.rrdvideo.format.RrdReader} (forward-only, any {@code InputStream},
 * constant memory), {@link dev.rrdvideo.format.RrdFile} (random access over a file through the
 * footer index), {@link dev.rrdvideo.format.RrdWriter} (streaming writer with Rerun-compatible
 * footer) and {@link dev.rrdvideo.format.verify.RrdVerifier} (structural validation). Messages are
 * the sealed {@link dev.rrdvideo.format.RrdMessage} family; chunk payloads stay compressed until
 * {@link dev.rrdvideo.format.ChunkMessage#decode()} is called.
 *
 * <p>Layers, bottom-up, each in its own package: binary frames ({@code internal.frame}), protobuf
 * transport ({@code internal.proto}), LZ4 ({@code internal.lz4}), Arrow IPC ({@code
 * internal.arrow}), footer manifest ({@code internal.footer}); then chunks ({@link
 * dev.rrdvideo.format.chunk}) and typed video views ({@link dev.rrdvideo.format.video}).
 *
 * <p>This package does not parse video bitstreams or containers (see the {@code convert} module),
 * never prints, never exits, and never logs: problems are exceptions (all subclasses of {@link
 * dev.rrdvideo.format.error.RrdVideoException}, with a byte offset) or {@link
 * dev.rrdvideo.format.RrdWarning}s delivered to the consumer in {@link
 * dev.rrdvideo.format.RrdReadOptions}. Wire facts follow Rerun 0.33.0-0.36.2 ({@code
 * crates/store/re_log_encoding}).
 */
package dev.rrdvideo.format;
