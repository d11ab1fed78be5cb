package dev.rrdvideo.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.error.LimitExceededException;
import dev.rrdvideo.format.error.RrdFormatException;
import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.format.error.UnsupportedFeatureException;
import dev.rrdvideo.format.internal.frame.StreamFooter;
import dev.rrdvideo.format.testing.FuzzContract;
import dev.rrdvideo.format.verify.RrdVerifier;
import dev.rrdvideo.testdata.RrdBytes;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile input: each case asserts the exception type, the byte offset and a key phrase. */
class RrdMalformedTest {
  @TempDir Path dir;

  private static final RrdReadOptions STRICT = RrdReadOptions.builder().strict(true).build();

  private static void readAll(byte[] b, RrdReadOptions o) throws IOException {
    try (RrdReader r = RrdReader.open(new ByteArrayInputStream(b), o)) {
      for (RrdMessage m = r.next(); m != null; m = r.next()) {
        if (m instanceof ChunkMessage a) {
          try (Chunk c = a.decode()) {
            c.rowCount();
          }
        } else if (m instanceof StreamEnd e) {
          e.manifests();
        }
      }
    }
  }

  /** A valid stream: header, SetStoreInfo, one chunk, footer. */
  private static byte[] valid() throws IOException {
    return RrdWriterRoundTripTest.rewrite(
        TestData.bytes("rerun/asset_h264_nobf.rrd"), RrdWriteOptions.defaults(), false);
  }

  @Test
  void badMagic() {
    byte[] b = new RrdBytes().streamHeader("RIFF", 0, 33, 0, 1, 2).toByteArray();
    assertThatThrownBy(() -> readAll(b, RrdReadOptions.defaults()))
        .isInstanceOf(RrdFormatException.class)
        .hasMessageContaining("not an .rrd file")
        .hasMessageContaining("'RIFF'")
        .extracting(e -> ((RrdVideoException) e).offset())
        .isEqualTo(0L);
  }

  @Test
  void oldFourCcIsUnsupported() {
    byte[] b = new RrdBytes().streamHeader("RRF1", 0, 7, 0, 0, 1).toByteArray();
    assertThatThrownBy(() -> readAll(b, RrdReadOptions.defaults()))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageContaining("RRF1")
        .extracting(e -> ((RrdVideoException) e).offset())
        .isEqualTo(0L);
  }

  @Test
  void reservedBytesMustBeZero() {
    byte[] b = new RrdBytes().streamHeader("RRF2", 0, 33, 0, 0, 1, 2, 0, 7).toByteArray();
    assertThatThrownBy(() -> readAll(b, RrdReadOptions.defaults()))
        .isInstanceOf(RrdFormatException.class)
        .hasMessageContaining("reserved bytes")
        .extracting(e -> ((RrdVideoException) e).offset())
        .isEqualTo(10L);
  }

  @Test
  void msgPackSerializerIsUnsupported() {
    byte[] b = new RrdBytes().streamHeader("RRF2", 0, 33, 0, 1, 1).toByteArray();
    assertThatThrownBy(() -> readAll(b, RrdReadOptions.defaults()))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageContaining("MsgPack")
        .extracting(e -> ((RrdVideoException) e).offset())
        .isEqualTo(9L);
  }

  @Test
  void versionBefore023IsUnsupportedAndNamed() {
    byte[] b = new RrdBytes().streamHeader("RRF2", 0, 22, 1, 1, 2).toByteArray();
    assertThatThrownBy(() -> readAll(b, RrdReadOptions.defaults()))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageContaining("0.22.1")
        .hasMessageContaining("0.23.0 or newer")
        .extracting(e -> ((RrdVideoException) e).offset())
        .isEqualTo(4L);
  }

  @Test
  void newerVersionIsReadWithAWarning() throws IOException {
    byte[] b = new RrdBytes().streamHeader("RRF2", 0, 99, 0, 1, 2).toByteArray();
    List<RrdWarning> w = new ArrayList<>();
    readAll(b, RrdReadOptions.builder().warnings(w::add).build());
    assertThat(w).singleElement().extracting(RrdWarning::message).asString().contains("0.99.0");
  }

  @Test
  void truncatedStreamHeader() {
    byte[] b = Arrays.copyOf(new RrdBytes().validHeader().toByteArray(), 5);
    assertThatThrownBy(() -> readAll(b, RrdReadOptions.defaults()))
        .isInstanceOf(RrdFormatException.class)
        .hasMessageContaining("truncated stream header")
        .hasMessageContaining("found 5 bytes")
        .extracting(e -> ((RrdVideoException) e).offset())
        .isEqualTo(0L);
    assertThatThrownBy(() -> readAll(new byte[0], RrdReadOptions.defaults()))
        .isInstanceOf(RrdFormatException.class)
        .hasMessageContaining("empty input");
  }

  @Test
  void truncatedMessageHeaderAndPayload() throws IOException {
    byte[] v = valid();
    // 12-byte header, then the SetStoreInfo message header: cut 5 bytes into it.
    byte[] cutHeader = Arrays.copyOf(v, 12 + 5);
    assertThatThrownBy(() -> readAll(cutHeader, STRICT))
        .isInstanceOf(RrdFormatException.class)
        .hasMessageContaining("truncated message header")
        .extracting(e -> ((RrdVideoException) e).offset())
        .isEqualTo(12L);
    int storeInfoLen = ByteBuffer.wrap(v, 20, 8).order(ByteOrder.LITTLE_ENDIAN).getInt();
    byte[] cutPayload = Arrays.copyOf(v, 12 + 16 + storeInfoLen - 3);
    assertThatThrownBy(() -> readAll(cutPayload, STRICT))
        .isInstanceOf(RrdFormatException.class)
        .hasMessageContaining("truncated SET_STORE_INFO message")
        .hasMessageContaining("expected " + storeInfoLen)
        .extracting(e -> ((RrdVideoException) e).offset())
        .isEqualTo(12L);
    // lenient (default): a warning with the offset, and the stream simply ends
    List<RrdWarning> w = new ArrayList<>();
    readAll(cutPayload, RrdReadOptions.builder().warnings(w::add).build());
    assertThat(w).singleElement().extracting(RrdWarning::offset).isEqualTo(12L);
  }

  @Test
  void oversizedLengthIsRejectedBeforeAllocating() {
    byte[] b = new RrdBytes().validHeader().messageHeader(2, 1L << 40).toByteArray();
    assertThatThrownBy(() -> readAll(b, RrdReadOptions.defaults()))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("message length too large")
        .extracting(e -> ((RrdVideoException) e).offset())
        .isEqualTo(20L);
    byte[] c =
        new RrdBytes().validHeader().messageHeader(2, 5000).raw(new byte[5000]).toByteArray();
    assertThatThrownBy(() -> readAll(c, RrdReadOptions.builder().maxMessageBytes(4096).build()))
        .isInstanceOf(LimitExceededException.class)
        .satisfies(e -> assertThat(((LimitExceededException) e).requested()).isEqualTo(5000))
        .satisfies(e -> assertThat(((LimitExceededException) e).allowed()).isEqualTo(4096));
    // a huge declared length on a short pipe is a truncation, not an OutOfMemoryError
    byte[] d =
        new RrdBytes()
            .validHeader()
            .messageHeader(2, 1_500_000_000L)
            .raw(new byte[10])
            .toByteArray();
    assertThatThrownBy(() -> readAll(d, STRICT))
        .isInstanceOf(RrdFormatException.class)
        .hasMessageContaining("truncated ARROW_MSG message");
  }

  @Test
  void unknownMessageKind() throws IOException {
    byte[] b = new RrdBytes().validHeader().messageHeader(9, 0).toByteArray();
    assertThatThrownBy(() -> readAll(b, STRICT))
        .isInstanceOf(RrdFormatException.class)
        .hasMessageContaining("unknown message kind")
        .extracting(e -> ((RrdVideoException) e).offset())
        .isEqualTo(12L);
    List<RrdWarning> w = new ArrayList<>();
    readAll(b, RrdReadOptions.builder().warnings(w::add).build());
    assertThat(w).singleElement().extracting(RrdWarning::offset).isEqualTo(12L);
  }

  @Test
  void corruptProtobuf() {
    // a SetStoreInfo whose payload is a length-delimited field running past the end
    byte[] b = new RrdBytes().validHeader().message(1, new byte[] {0x0a, 0x7f, 0x01}).toByteArray();
    assertThatThrownBy(() -> readAll(b, RrdReadOptions.defaults()))
        .isInstanceOf(RrdFormatException.class)
        .hasMessageContaining("corrupt protobuf in SET_STORE_INFO")
        .satisfies(e -> assertThat(((RrdFormatException) e).messageIndex()).isEqualTo(0))
        .extracting(e -> ((RrdVideoException) e).offset())
        .isEqualTo(28L);
  }

  /** Finds the first ArrowMsg of a stream. */
  private static ChunkMessage firstArrow(byte[] b) throws IOException {
    try (RrdReader r = RrdReader.open(new ByteArrayInputStream(b))) {
      for (RrdMessage m = r.next(); m != null; m = r.next()) {
        if (m instanceof ChunkMessage a) {
          return a;
        }
      }
    }
    throw new AssertionError("no ArrowMsg");
  }

  @Test
  void corruptLz4() throws IOException {
    byte[] v = valid();
    ChunkMessage a = firstArrow(v);
    byte[] bad = v.clone();
    // The payload's first token says 10 literals; make the block claim a match far behind.
    int payloadStart = indexOf(bad, a.payload());
    Arrays.fill(bad, payloadStart, payloadStart + 40, (byte) 0x0f);
    ChunkMessage broken = firstArrow(bad);
    assertThatThrownBy(broken::decode)
        .isInstanceOf(RrdFormatException.class)
        .hasMessageContaining("LZ4")
        .extracting(e -> ((RrdVideoException) e).offset())
        .isEqualTo(a.payloadOffset());
  }

  @Test
  void badArrowPayload() throws IOException {
    // an ArrowMsg with compression NONE whose payload is not Arrow IPC
    byte[] v = valid();
    ChunkMessage a = firstArrow(v);
    byte[] bad = v.clone();
    byte[] payload = a.payload();
    int at = indexOf(bad, payload);
    // Re-encode the same chunk uncompressed, then scribble over its IPC body.
    byte[] none =
        RrdWriterRoundTripTest.rewrite(
            TestData.bytes("rerun/asset_h264_nobf.rrd"),
            RrdWriteOptions.builder().compression(Compression.NONE).build(),
            false);
    ChunkMessage plain = firstArrow(none);
    int p = indexOf(none, plain.payload());
    for (int i = 8; i < 64; i++) {
      none[p + i] = (byte) 0xAB;
    }
    assertThat(at).isPositive();
    assertThatThrownBy(() -> firstArrow(none).decode())
        .isInstanceOf(RrdFormatException.class)
        .hasMessageContaining("not a valid Arrow IPC stream")
        .extracting(e -> ((RrdVideoException) e).offset())
        .isEqualTo(plain.payloadOffset());
  }

  @Test
  void absurdUncompressedSize() throws IOException {
    byte[] v = valid();
    ChunkMessage a = firstArrow(v);
    // uncompressed_size is field 3 (tag 0x18) in the ArrowMsg protobuf, after the store id
    int msg = (int) a.payloadOffset();
    int tag = -1;
    for (int i = msg; i < msg + 200; i++) {
      if (v[i] == 0x18) {
        tag = i;
        break;
      }
    }
    byte[] bad = v.clone();
    // overwrite the varint with a 2-byte varint of 0x3fff (16383) — keeps the length
    // unchanged only if the original is 2 bytes too
    assertThat(bad[tag + 1] & 0x80).isNotZero();
    assertThat(bad[tag + 2] & 0x80).isZero();
    bad[tag + 1] = (byte) 0xff;
    bad[tag + 2] = (byte) 0x7f;
    ChunkMessage b = firstArrow(bad);
    assertThat(b.uncompressedSize()).isEqualTo(16383);
    List<RrdWarning> none = new ArrayList<>();
    RrdReadOptions tight =
        RrdReadOptions.builder().maxUncompressedBytes(1000).warnings(none::add).build();
    try (RrdReader r = RrdReader.open(new ByteArrayInputStream(bad), tight)) {
      for (RrdMessage m = r.next(); m != null; m = r.next()) {
        if (m instanceof ChunkMessage x) {
          assertThatThrownBy(x::decode)
              .isInstanceOf(LimitExceededException.class)
              .extracting(e -> ((RrdVideoException) e).offset())
              .isEqualTo(a.payloadOffset());
          break;
        }
      }
    }
  }

  @Test
  void badFooterChecksum() throws IOException {
    byte[] v = valid();
    byte[] bad = v.clone();
    int crcAt = bad.length - StreamFooter.SIZE + 16;
    bad[crcAt] ^= 0x55;
    assertThatThrownBy(() -> readAll(bad, STRICT))
        .isInstanceOf(RrdFormatException.class)
        .hasMessageContaining("checksum mismatch")
        .extracting(e -> ((RrdVideoException) e).offset())
        .isEqualTo((long) bad.length - StreamFooter.SIZE);
    Path file = dir.resolve("bad-crc.rrd");
    Files.write(file, bad);
    assertThatThrownBy(() -> RrdFile.open(file, STRICT))
        .isInstanceOf(RrdFormatException.class)
        .hasMessageContaining("footer checksum mismatch")
        .extracting(e -> ((RrdVideoException) e).offset())
        .isEqualTo((long) crcAt);
    List<RrdWarning> w = new ArrayList<>();
    try (RrdFile f = RrdFile.open(file, RrdReadOptions.builder().warnings(w::add).build())) {
      assertThat(f.usedFooter()).isFalse();
      assertThat(f.chunks()).hasSize(2);
    }
    assertThat(w).anySatisfy(x -> assertThat(x.message()).contains("scanning the file instead"));
  }

  @Test
  void badFooterIdentifiers() throws IOException {
    byte[] bad = valid();
    bad[bad.length - 8] = 'X'; // "FOOT" -> "XOOT"
    assertThatThrownBy(() -> readAll(bad, STRICT))
        .isInstanceOf(RrdFormatException.class)
        .hasMessageContaining("bad stream footer")
        .extracting(e -> ((RrdVideoException) e).offset())
        .isEqualTo((long) bad.length - StreamFooter.SIZE);
  }

  @Test
  void footerPointingElsewhereFallsBackToScan() throws IOException {
    byte[] bad = valid();
    // rrd_footer_start is the first field of the stream footer
    ByteBuffer.wrap(bad, bad.length - 32, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(13);
    Path file = dir.resolve("bad-start.rrd");
    Files.write(file, bad);
    List<RrdWarning> w = new ArrayList<>();
    try (RrdFile f = RrdFile.open(file, RrdReadOptions.builder().warnings(w::add).build())) {
      assertThat(f.usedFooter()).isFalse();
      assertThat(f.chunks()).hasSize(2);
    }
    assertThat(w).isNotEmpty();
  }

  /**
   * Seeded random corruption of real files: reading and decoding everything must either succeed or
   * throw an {@link RrdVideoException} (never a runtime exception, an OOM, a hang, a CPU burn or
   * Arrow memory left behind: {@link FuzzContract}). Reproducible: case {@code i} draws from seed
   * {@code base + i} ({@code -Dfuzz.seed=base}, a fixed default), and a failure names its seed;
   * {@code -Dfuzz.seed=N -Dfuzz.iterations=1} replays exactly that case.
   */
  @Test
  void randomCorruptionOnlyThrowsTypedExceptions() throws IOException {
    long base = Long.getLong("fuzz.seed", 0x5EED_2025L);
    List<byte[]> inputs =
        List.of(
            TestData.bytes("rerun/stream_h264.rrd"),
            TestData.bytes("rerun/stream_av1.rrd"),
            valid());
    Path f = dir.resolve("fuzz.rrd");
    int typed = 0;
    int iterations = Integer.getInteger("fuzz.iterations", 300);
    for (int iter = 0; iter < iterations; iter++) {
      long seed = base + iter;
      byte[] b = corrupt(inputs, new Random(seed));
      try {
        RrdVideoException e =
            FuzzContract.check(
                () -> {
                  readAll(b, RrdReadOptions.defaults());
                  readAll(b, STRICT);
                  Files.write(f, b);
                  try (RrdFile file = RrdFile.open(f)) {
                    for (ChunkIndexEntry entry : file.chunks()) {
                      try (Chunk c = file.readChunk(entry)) {
                        c.rowCount();
                      }
                    }
                  }
                });
        typed += e == null ? 0 : 1;
      } catch (RuntimeException | Error e) {
        throw new AssertionError(
            "seed " + seed + " (replay: -Dfuzz.seed=" + seed + " -Dfuzz.iterations=1): " + e, e);
      }
    }
    // the corruption must reach the reader's checks, or the test proves nothing
    if (iterations >= 100) {
      assertThat(typed)
          .as("typed failures from seeds %d..%d", base, base + iterations)
          .isPositive();
    }
  }

  /** One to eight random edits (a byte set, a bit flipped, a cut) of one of {@code inputs}. */
  private static byte[] corrupt(List<byte[]> inputs, Random rnd) {
    byte[] b = inputs.get(rnd.nextInt(inputs.size())).clone();
    int edits = 1 + rnd.nextInt(8);
    for (int k = 0; k < edits; k++) {
      int at = rnd.nextInt(b.length);
      switch (rnd.nextInt(3)) {
        case 0 -> b[at] = (byte) rnd.nextInt(256);
        case 1 -> b[at] ^= (byte) (1 << rnd.nextInt(8));
        default -> b = Arrays.copyOf(b, Math.max(1, at));
      }
    }
    return b;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** An unknown compression value from a file is a typed error from every accessor. */
  @Test
  void unknownCompressionIsATypedErrorEverywhere() throws IOException {
    StoreId store = new StoreId(StoreKind.RECORDING, "rec_c", "c");
    byte[] payload = {1, 2, 3};
    byte[][] frame =
        dev.rrdvideo.format.internal.proto.TransportCodec.arrowMsgFrame(
            store, 7, 3, payload.length, null, false);
    java.io.ByteArrayOutputStream msg = new java.io.ByteArrayOutputStream();
    msg.writeBytes(frame[0]);
    msg.writeBytes(payload);
    msg.writeBytes(frame[1]);
    byte[] b = new RrdBytes().validHeader().message(2, msg.toByteArray()).toByteArray();
    try (RrdReader r = RrdReader.open(new ByteArrayInputStream(b))) {
      ChunkMessage a = (ChunkMessage) r.next();
      assertThat(a.compressionCode()).isEqualTo(7);
      for (org.assertj.core.api.ThrowableAssert.ThrowingCallable call :
          List.<org.assertj.core.api.ThrowableAssert.ThrowingCallable>of(
              a::compression, a::ipcBytes, a::decode)) {
        assertThatThrownBy(call)
            .isInstanceOf(UnsupportedFeatureException.class)
            .hasMessageContaining("unknown ArrowMsg compression 7")
            .extracting(e -> ((RrdVideoException) e).offset())
            .isEqualTo(28L);
      }
    }
  }

  /** The ArrowMsg of {@code a} with another declared uncompressed size, in a stream of its own. */
  private static byte[] withDeclaredSize(ChunkMessage a, long declared) {
    byte[] payload = a.payload();
    byte[][] frame =
        dev.rrdvideo.format.internal.proto.TransportCodec.arrowMsgFrame(
            a.storeId(), a.compressionCode(), declared, payload.length, a.chunkIdField(), false);
    java.io.ByteArrayOutputStream msg = new java.io.ByteArrayOutputStream();
    msg.writeBytes(frame[0]);
    msg.writeBytes(payload);
    msg.writeBytes(frame[1]);
    return new RrdBytes().validHeader().message(2, msg.toByteArray()).toByteArray();
  }

  /**
   * Rerun accepts an uncompressed_size larger than the data (rrd-container.md section 8.2, [E]);
   * rrdvideo used to reject it. A smaller one is still a corrupt block. verify warns about both.
   */
  @Test
  void largerDeclaredUncompressedSizeIsAcceptedLikeRerun() throws IOException {
    ChunkMessage real = firstArrow(TestData.bytes("rerun/asset_h264_nobf.rrd"));
    assertThat(real.compressionCode()).isEqualTo(2);
    byte[] larger = withDeclaredSize(real, real.uncompressedSize() + 100);
    ChunkMessage a = firstArrow(larger);
    assertThat(a.ipcBytes()).isEqualTo(real.ipcBytes());
    try (Chunk c = a.decode();
        Chunk d = real.decode()) {
      assertThat(c.id()).isEqualTo(d.id());
      assertThat(c.rowCount()).isEqualTo(d.rowCount());
    }
    RrdVerifier.Report r = RrdVerifier.verify(new ByteArrayInputStream(larger), "x.rrd");
    assertThat(r.findings())
        .filteredOn(f -> f.rule().equals("uncompressed-size"))
        .singleElement()
        .satisfies(
            f -> assertThat(f.message()).contains("decompresses to " + real.uncompressedSize()));
    ChunkMessage smaller = firstArrow(withDeclaredSize(real, real.uncompressedSize() - 1));
    assertThatThrownBy(smaller::decode)
        .isInstanceOf(RrdFormatException.class)
        .hasMessageContaining("corrupt LZ4 block");
  }
}
