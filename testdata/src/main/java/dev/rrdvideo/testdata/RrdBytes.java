package dev.rrdvideo.testdata;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds {@code .rrd} bytes frame by frame, field by field, for malformed-input tests. Every method
 * appends exactly the bytes its name says, so a test reads like an annotated hex dump.
 */
public final class RrdBytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** Appends a 12-byte stream header with the given fields. */
  public RrdBytes streamHeader(
      String fourcc, int major, int minor, int patch, int compression, int serializer) {
    return streamHeader(fourcc, major, minor, patch, 0, compression, serializer, 0, 0);
  }

  /** Appends a 12-byte stream header with every field explicit. */
  public RrdBytes streamHeader(
      String fourcc,
      int major,
      int minor,
      int patch,
      int meta,
      int compression,
      int serializer,
      int reserved0,
      int reserved1) {
    out.writeBytes(fourcc.getBytes(StandardCharsets.US_ASCII)); // FourCC, 4 bytes
    out.write(major); // version: major
    out.write(minor); // version: minor
    out.write(patch); // version: patch
    out.write(meta); // version: pre-release byte
    out.write(compression); // 0 = off, 1 = LZ4
    out.write(serializer); // 2 = protobuf
    out.write(reserved0); // reserved, must be 0
    out.write(reserved1); // reserved, must be 0
    return this;
  }

  /** Appends the default header of Rerun 0.33.0 with LZ4. */
  public RrdBytes validHeader() {
    return streamHeader("RRF2", 0, 33, 0, 1, 2);
  }

  /** Appends a 16-byte message header: kind (u64 LE) and length (u64 LE). */
  public RrdBytes messageHeader(long kind, long length) {
    ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(kind).putLong(length);
    out.writeBytes(b.array());
    return this;
  }

  /** Appends a message header with the payload's length, then the payload. */
  public RrdBytes message(long kind, byte[] payload) {
    messageHeader(kind, payload.length);
    out.writeBytes(payload);
    return this;
  }

  /** Appends a 32-byte stream footer. */
  public RrdBytes streamFooter(long footerStart, long footerLength, int crc, int entries) {
    ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(footerStart); // rrd_footer_start
    b.putLong(footerLength); // rrd_footer_len
    b.putInt(crc); // XXH32 of the End payload, seed 7850921
    b.put("RRF2FOOT".getBytes(StandardCharsets.US_ASCII)); // identifiers
    b.putInt(entries); // entry count, 1
    out.writeBytes(b.array());
    return this;
  }

  /** Appends raw bytes. */
  public RrdBytes raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  /** Returns the number of bytes so far (the offset of the next byte). */
  public int size() {
    return out.size();
  }

  /** Returns the bytes built. */
  public byte[] toByteArray() {
    return out.toByteArray();
  }
}
