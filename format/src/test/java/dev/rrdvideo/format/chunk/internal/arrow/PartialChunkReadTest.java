package dev.rrdvideo.format.chunk.internal.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rrdvideo.format.ChunkIndexEntry;
import dev.rrdvideo.format.ChunkMessage;
import dev.rrdvideo.format.Compression;
import dev.rrdvideo.format.RrdFile;
import dev.rrdvideo.format.RrdReadOptions;
import dev.rrdvideo.format.RrdWarning;
import dev.rrdvideo.format.RrdWriteOptions;
import dev.rrdvideo.format.RrdWriter;
import dev.rrdvideo.format.StoreId;
import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.error.RrdFormatException;
import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.format.verify.RrdVerifier;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.VideoStream;
import dev.rrdvideo.format.video.VideoStreamChunk;
import dev.rrdvideo.format.video.io.VideoStreamWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.flatbuf.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RrdFile#readChunkWithoutSampleBytes} on a chunk stored uncompressed whose three samples
 * (7000, 7001 and 7002 bytes) lie past the 16 KiB read first: the same chunk as {@link
 * RrdFile#readChunk} without the samples' bytes; and for metadata made inconsistent in the places
 * the partial read relies on (the blobs' offsets, the buffer list), the very error of the full
 * read: type, message and byte offset.
 */
class PartialChunkReadTest {
  private static final int[] SIZES = {7000, 7001, 7002};

  @TempDir Path dir;
  private Path file;
  private byte[] bytes;
  private ChunkIndexEntry entry;
  private int bodyAt;
  private IpcCheck.Headers headers;

  @BeforeEach
  void write() throws IOException {
    file = dir.resolve("none.rrd");
    RrdWriteOptions o = RrdWriteOptions.builder().compression(Compression.NONE).build();
    try (RrdWriter w = RrdWriter.open(file, o)) {
      StoreId store = w.beginRecording("partial_test", "rec_partial_test");
      VideoStreamWriter v =
          VideoStreamWriter.builder(w, store, EntityPath.parse("/cam"))
              .codec(VideoCodec.H264)
              .timeline("video", TimeType.DURATION)
              .build();
      for (int i = 0; i < SIZES.length; i++) {
        byte[] sample = new byte[SIZES[i]];
        Arrays.fill(sample, (byte) (0x10 + i));
        v.addSample(i * 40_000_000L, ByteBuffer.wrap(sample), i == 0);
      }
      v.finish();
    }
    bytes = Files.readAllBytes(file);
    try (RrdFile f = RrdFile.open(file)) {
      for (ChunkIndexEntry e : f.chunks()) {
        if (e.components().contains(VideoStream.SAMPLE.component())) {
          entry = e;
        }
      }
      ChunkMessage m = f.readMessage(entry);
      byte[] ipc = m.payload();
      int ipcAt = indexOf(bytes, Arrays.copyOf(ipc, 64), (int) entry.byteOffset());
      headers = IpcCheck.headers(ipc, 0, ipc.length, ipc.length);
      bodyAt = ipcAt + headers.bodyOffset();
    } catch (ArrowIpc.IpcException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void theSameChunkWithoutTheSamplesBytes() throws IOException {
    try (RrdFile f = RrdFile.open(file);
        Chunk full = f.readChunk(entry);
        Chunk partial = f.readChunkWithoutSampleBytes(entry)) {
      VideoStreamChunk a = VideoStreamChunk.of(full);
      VideoStreamChunk b = VideoStreamChunk.of(partial);
      assertThat(partial.id()).isEqualTo(full.id());
      assertThat(partial.rowCount()).isEqualTo(3);
      for (int r = 0; r < 3; r++) {
        assertThat(b.sampleSize(r)).isEqualTo(a.sampleSize(r)).isEqualTo(SIZES[r]);
        assertThat(b.keyframe(r)).isEqualTo(a.keyframe(r));
        assertThat(b.codecValue(r)).isEqualTo(a.codecValue(r));
        assertThat(partial.timeColumn("video").value(r)).isEqualTo(r * 40_000_000L);
      }
      assertThat(full.skippedBytes()).isZero();
      // the samples' bytes, and their validity bitmap when the writer wrote one
      assertThat(partial.skippedBytes()).isBetween(21003L, 21003L + 21003 / 8 + 16);
      assertThatThrownBy(() -> b.sample(0)).isInstanceOf(IllegalStateException.class);
      assertThat(a.sample(2).remaining()).isEqualTo(7002);
    }
  }

  /** Offsets of the blobs going backwards: IpcCheck's error, from both reads. */
  @Test
  void decreasingBlobOffsets() throws IOException {
    int at = blobOffsets();
    putInt(at + 8, 6000); // 0, 7000, 6000, 21003
    assertSameError("offset 2 is 6000 after 7000");
  }

  /** The last blob ending past the bytes there are. */
  @Test
  void blobOffsetsPastTheValues() throws IOException {
    putInt(blobOffsets() + 12, 121003);
    assertSameError("needs 121003 child values");
  }

  /** The blobs' offsets buffer cut short in the metadata. */
  @Test
  void cutBlobOffsets() throws IOException {
    int k = bufferWithContent(blobOffsets() - bodyAt, 16);
    setBufferLength(k, 12);
    assertSameError("offsets buffer of 12 bytes");
  }

  /** The samples' data buffer placed past the body in the metadata. */
  @Test
  void dataBufferPastTheBody() throws IOException {
    int k = bufferOfLength(21003);
    setBufferOffset(k, headers.bodyLength());
    assertSameError("outside the body");
  }

  /**
   * A file cut inside the samples' bytes loses its footer: opening it scans the file, which reads
   * every chunk whole and notices the cut (a warning, without the cut chunk; an error in strict
   * mode), so neither read sees that chunk; the verifier reports the cut.
   */
  @Test
  void aFileCutInsideTheSamplesBytes() throws IOException {
    Path cut = dir.resolve("cut.rrd");
    Files.write(cut, Arrays.copyOf(bytes, blobOffsets() + 16 + 10_000));
    List<RrdWarning> warnings = new ArrayList<>();
    try (RrdFile f = RrdFile.open(cut, RrdReadOptions.builder().warnings(warnings::add).build())) {
      assertThat(f.chunks()).noneMatch(e -> e.chunkId().equals(entry.chunkId()));
    }
    assertThat(warnings).anyMatch(w -> w.kind() == RrdWarning.Kind.TRUNCATED);
    assertThatThrownBy(() -> RrdFile.open(cut, RrdReadOptions.builder().strict(true).build()))
        .isInstanceOf(RrdFormatException.class)
        .hasMessageContaining("truncated");
    RrdVerifier.Report report =
        RrdVerifier.verify(new ByteArrayInputStream(Files.readAllBytes(cut)), "cut.rrd");
    assertThat(report.ok()).isFalse();
  }

  private void assertSameError(String expected) throws IOException {
    Files.write(file, bytes);
    RrdVideoException full = null;
    RrdVideoException partial = null;
    try (RrdFile f = RrdFile.open(file)) {
      try {
        f.readChunk(entry).close();
        throw new AssertionError("the full read accepted the chunk");
      } catch (RrdVideoException e) {
        full = e;
      }
      try {
        f.readChunkWithoutSampleBytes(entry).close();
        throw new AssertionError("the partial read accepted the chunk");
      } catch (RrdVideoException e) {
        partial = e;
      }
    }
    assertThat(full).isInstanceOf(RrdFormatException.class).hasMessageContaining(expected);
    assertThat(partial).isInstanceOf(full.getClass()).hasMessage(full.getMessage());
    assertThat(partial.offset()).isEqualTo(full.offset()).isEqualTo(entry.byteOffset());
  }

  /** Where the blobs' offsets 0, 7000, 14001, 21003 are in the file. */
  private int blobOffsets() {
    ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0).putInt(7000).putInt(14001).putInt(21003);
    return indexOf(bytes, b.array(), bodyAt);
  }

  private int bufferWithContent(long bodyOffset, long length) {
    Buffer b = new Buffer();
    for (int i = 0; i < headers.recordBatch().buffersLength(); i++) {
      headers.recordBatch().buffers(b, i);
      if (b.offset() == bodyOffset && b.length() == length) {
        return i;
      }
    }
    throw new AssertionError("no buffer at " + bodyOffset + "+" + length);
  }

  private int bufferOfLength(long length) {
    Buffer b = new Buffer();
    for (int i = 0; i < headers.recordBatch().buffersLength(); i++) {
      headers.recordBatch().buffers(b, i);
      if (b.length() == length) {
        return i;
      }
    }
    throw new AssertionError("no buffer of " + length + " bytes");
  }

  /** Where buffer {@code k}'s (offset, length) struct is in the file. */
  private int bufferStruct(int k) {
    Buffer b = headers.recordBatch().buffers(new Buffer(), k);
    ByteBuffer p = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    p.putLong(b.offset()).putLong(b.length());
    return indexOf(bytes, p.array(), (int) entry.byteOffset());
  }

  private void setBufferLength(int k, long length) {
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(bufferStruct(k) + 8, length);
  }

  private void setBufferOffset(int k, long offset) {
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(bufferStruct(k), offset);
  }

  private void putInt(int at, int v) {
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(at, v);
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = from; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("pattern not found");
  }
}
