package dev.rrdvideo.media.mp4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Test helper: writes MP4 boxes field by field (big-endian), independent of the code under test,
 * for hand-built inputs whose every field is commented where it is written.
 */
final class Mp4Bytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final Deque<Integer> open = new ArrayDeque<>();
  private byte[] patched;

  /** Starts a box; {@link #end()} fills in its size. */
  Mp4Bytes box(String type) {
    open.push(out.size());
    u32(0);
    out.writeBytes(type.getBytes(StandardCharsets.ISO_8859_1));
    return this;
  }

  /** Starts a FullBox. */
  Mp4Bytes fullBox(String type, int version, int flags) {
    return box(type).u32(((long) version << 24) | flags);
  }

  Mp4Bytes end() {
    int start = open.pop();
    byte[] b = out.toByteArray();
    int size = b.length - start;
    b[start] = (byte) (size >>> 24);
    b[start + 1] = (byte) (size >>> 16);
    b[start + 2] = (byte) (size >>> 8);
    b[start + 3] = (byte) size;
    out.reset();
    out.writeBytes(b);
    return this;
  }

  Mp4Bytes u8(int v) {
    out.write(v);
    return this;
  }

  Mp4Bytes u16(int v) {
    out.write(v >>> 8);
    out.write(v);
    return this;
  }

  Mp4Bytes u32(long v) {
    for (int s = 24; s >= 0; s -= 8) {
      out.write((int) (v >>> s));
    }
    return this;
  }

  Mp4Bytes u64(long v) {
    return u32(v >>> 32).u32(v);
  }

  Mp4Bytes zeros(int n) {
    out.writeBytes(new byte[n]);
    return this;
  }

  Mp4Bytes bytes(byte... b) {
    out.writeBytes(b);
    return this;
  }

  Mp4Bytes fill(int n, int value) {
    for (int i = 0; i < n; i++) {
      out.write(value);
    }
    return this;
  }

  /** Current size, i.e. the offset of the next byte. */
  int position() {
    return out.size();
  }

  /** Overwrites a 32-bit value written earlier (for offsets known only later). */
  Mp4Bytes patch32(int at, long v) {
    byte[] b = out.toByteArray();
    for (int i = 0; i < 4; i++) {
      b[at + i] = (byte) (v >>> (24 - 8 * i));
    }
    out.reset();
    out.writeBytes(b);
    return this;
  }

  byte[] toByteArray() {
    if (!open.isEmpty()) {
      throw new IllegalStateException(open.size() + " boxes still open");
    }
    patched = out.toByteArray();
    return patched;
  }

  /** mvhd version 0 with the given timescale and next_track_ID. */
  Mp4Bytes mvhd(long timescale, int nextTrackId) {
    fullBox("mvhd", 0, 0);
    u32(0).u32(0); // creation, modification time
    u32(timescale).u32(0); // timescale, duration
    u32(0x10000).u16(0x100).zeros(10); // rate 1.0, volume 1.0, reserved
    u32(0x10000).u32(0).u32(0).u32(0).u32(0x10000).u32(0).u32(0).u32(0).u32(0x40000000);
    zeros(24); // pre_defined
    u32(nextTrackId);
    return end();
  }

  /** trak with tkhd, mdhd, hdlr and an stbl with the given (already written) stsd entry bytes. */
  Mp4Bytes emptyTrak(int trackId, long timescale, String handler, byte[] sampleEntry) {
    box("trak");
    fullBox("tkhd", 0, 3).u32(0).u32(0).u32(trackId).u32(0).u32(0); // times, id, reserved, dur
    zeros(8).u16(0).u16(0).u16(0).u16(0); // reserved, layer, group, volume, reserved
    u32(0x10000).u32(0).u32(0).u32(0).u32(0x10000).u32(0).u32(0).u32(0).u32(0x40000000);
    u32(64 << 16).u32(64 << 16).end(); // width, height
    box("mdia");
    fullBox("mdhd", 0, 0).u32(0).u32(0).u32(timescale).u32(0).u16(0x55C4).u16(0).end();
    fullBox("hdlr", 0, 0).u32(0).bytes(handler.getBytes(StandardCharsets.ISO_8859_1));
    zeros(12).u8(0).end(); // reserved, empty name
    box("minf").box("stbl");
    fullBox("stsd", 0, 0).u32(1).bytes(sampleEntry).end();
    fullBox("stts", 0, 0).u32(0).end();
    fullBox("stsc", 0, 0).u32(0).end();
    fullBox("stsz", 0, 0).u32(0).u32(0).end();
    fullBox("stco", 0, 0).u32(0).end();
    end().end(); // stbl, minf
    end(); // mdia
    return end(); // trak
  }

  /** A 64x64 av01 sample entry with a minimal av1C (8-bit 4:2:0, no config OBUs). */
  static byte[] av01Entry() {
    Mp4Bytes b = new Mp4Bytes().box("av01");
    b.zeros(6).u16(1); // reserved, data_reference_index
    b.zeros(16).u16(64).u16(64); // pre_defined/reserved, width, height
    b.u32(0x480000).u32(0x480000).u32(0).u16(1); // resolutions, reserved, frame_count
    b.zeros(32).u16(0x18).u16(0xFFFF); // compressorname, depth, pre_defined
    b.box("av1C").bytes((byte) 0x81, (byte) 0x00, (byte) 0x0c, (byte) 0x00).end();
    return b.end().toByteArray();
  }

  /** A non-visual sample entry of the given type (8 bytes: reserved, data_reference_index). */
  static byte[] plainEntry(String type) {
    return new Mp4Bytes().box(type).zeros(6).u16(1).end().toByteArray();
  }
}
