package dev.rrdvideo.format.internal.frame;

/**
 * The 16-byte header in front of every message: {@code kind} (u64 LE) then {@code len} (u64 LE),
 * the length of the protobuf payload that follows, excluding these 16 bytes. Pure codec.
 *
 * @param kindCode the raw kind value (may be unknown: see {@link MessageKind#fromCode})
 * @param length the raw unsigned payload length
 */
public record MessageHeader(long kindCode, long length) {
  /** Size of the header in bytes. */
  public static final int SIZE = 16;

  /** Decodes a header from {@code b[off..off+16)} without validating it. */
  public static MessageHeader decode(byte[] b, int off) {
    return new MessageHeader(Le.getLong(b, off), Le.getLong(b, off + 8));
  }

  /** Encodes into {@code dst[off..off+16)}. */
  public void encode(byte[] dst, int off) {
    Le.putLong(dst, off, kindCode);
    Le.putLong(dst, off + 8, length);
  }

  /** Returns the kind, or {@code null} when the code is unknown. */
  public MessageKind kind() {
    return MessageKind.fromCode(kindCode);
  }
}
