package dev.rrdvideo.format;

/**
 * One message of an {@code .rrd} stream, at the transport level (protobuf decoded, chunk payloads
 * still compressed).
 *
 * <p>The kinds are {@link StoreInfo} (kind 1, {@code SetStoreInfo}), {@link ChunkMessage} (kind 2,
 * one chunk), {@link BlueprintActivation} (kind 3) and {@link StreamEnd} (kind 0, with the footer).
 */
public sealed interface RrdMessage permits StoreInfo, ChunkMessage, BlueprintActivation, StreamEnd {
  /** Returns the absolute offset of the message's 16-byte header in the source. */
  long offset();
}
