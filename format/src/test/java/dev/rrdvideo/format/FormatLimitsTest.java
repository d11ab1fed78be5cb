package dev.rrdvideo.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.chunk.Tuid;
import dev.rrdvideo.format.error.LimitExceededException;
import dev.rrdvideo.format.error.RrdFormatException;
import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.format.internal.footer.FooterCodec;
import dev.rrdvideo.format.internal.proto.RrdTransport;
import dev.rrdvideo.format.internal.proto.TransportCodec;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.io.VideoStreamWriter;
import dev.rrdvideo.testdata.RrdBytes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resource limits of the format layer that {@code docs/limits.md} lists (the Arrow IPC ones are
 * in {@code IpcCheckTest}, the message length in {@code
 * RrdMalformedTest.oversizedLengthIsRejectedBeforeAllocating}, the configured uncompressed size in
 * {@code RrdMalformedTest.absurdUncompressedSize}). Each is hit by a small input and refused with a
 * {@link LimitExceededException} naming the value found and the value allowed.
 */
class FormatLimitsTest {
  @TempDir Path dir;

  private static final StoreId STORE = new StoreId(StoreKind.RECORDING, "rec_l", "limits");

  /** An LZ4 block cannot expand more than 255x, so a larger declared size is refused unread. */
  @Test
  void lz4RatioCapRefusesDeclaredSizesNoBlockCanReach() throws IOException {
    byte[] payload = new byte[10];
    long declared = 255L * payload.length + 64 + 1;
    byte[][] frame = TransportCodec.arrowMsgFrame(STORE, 2, declared, payload.length, null, false);
    ByteArrayOutputStream msg = new ByteArrayOutputStream();
    msg.writeBytes(frame[0]);
    msg.writeBytes(payload);
    msg.writeBytes(frame[1]);
    byte[] b = new RrdBytes().validHeader().message(2, msg.toByteArray()).toByteArray();
    try (RrdReader r = RrdReader.open(new ByteArrayInputStream(b))) {
      ChunkMessage a = (ChunkMessage) r.next();
      assertThatThrownBy(a::decode)
          .isInstanceOf(LimitExceededException.class)
          .hasMessageContaining("ArrowMsg uncompressed_size too large")
          .satisfies(e -> assertThat(((LimitExceededException) e).allowed()).isEqualTo(2614))
          .satisfies(e -> assertThat(((LimitExceededException) e).requested()).isEqualTo(2615))
          .extracting(e -> ((RrdVideoException) e).offset())
          .isEqualTo(28L);
    }
  }

  /** The footer manifest's declared uncompressed size: the same two caps as a chunk's. */
  @Test
  void manifestUncompressedSizeIsCapped() {
    RrdTransport.RrdFooter footer =
        RrdTransport.RrdFooter.newBuilder()
            .addManifests(
                RrdTransport.RrdManifest.newBuilder()
                    .setStoreId(TransportCodec.toProto(STORE))
                    .setSorbetSchema(
                        RrdTransport.Schema.newBuilder()
                            .setArrowSchema(ByteString.copyFrom(new byte[8])))
                    .setSorbetSchemaSha256(ByteString.copyFrom(new byte[32]))
                    .setData(
                        RrdTransport.DataframePart.newBuilder()
                            .setEncoderVersionValue(1)
                            .setPayload(ByteString.copyFrom(new byte[100]))
                            .setCompressionValue(2)
                            .setUncompressedSize(1L << 40)))
            .build();
    byte[] b = footer.toByteArray();
    assertThatThrownBy(() -> FooterCodec.parse(b, 0, b.length, "f", 500, 1 << 20, 10))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("manifest uncompressed_size too large")
        .satisfies(e -> assertThat(((LimitExceededException) e).allowed()).isEqualTo(25564))
        .extracting(e -> ((RrdVideoException) e).offset())
        .isEqualTo(500L);
    assertThatThrownBy(() -> FooterCodec.parse(b, 0, b.length, "f", 500, 1000, 10))
        .isInstanceOf(LimitExceededException.class)
        .satisfies(e -> assertThat(((LimitExceededException) e).allowed()).isEqualTo(1000));
  }

  /** Three chunks (codec, samples, keyframe markers), with or without a footer index. */
  private Path recording(boolean footer) throws IOException {
    Path p = dir.resolve(footer ? "footer.rrd" : "scan.rrd");
    try (RrdWriter w = RrdWriter.open(p, RrdWriteOptions.builder().emitFooter(footer).build())) {
      StoreId store = w.beginRecording("limits", null);
      VideoStreamWriter v =
          VideoStreamWriter.builder(w, store, EntityPath.parse("/v"))
              .codec(VideoCodec.H264)
              .timeline("video", TimeType.DURATION)
              .build();
      for (int i = 0; i < 3; i++) {
        v.addSample(i * 40_000_000L, ByteBuffer.wrap(new byte[] {0, 0, 1, 9}), i == 0);
      }
      v.finish();
    }
    return p;
  }

  /** RrdFile's chunk index, from a footer or from a scan, is bounded by maxChunks. */
  @Test
  void chunkIndexIsBoundedByMaxChunks() throws IOException {
    RrdReadOptions two = RrdReadOptions.builder().maxChunks(2).build();
    Path withFooter = recording(true);
    try (RrdFile f = RrdFile.open(withFooter)) {
      assertThat(f.usedFooter()).isTrue();
      assertThat(f.chunks()).hasSize(3);
    }
    assertThatThrownBy(() -> RrdFile.open(withFooter, two))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("footer index too large: expected at most 2 chunks, found 3");
    Path scanned = recording(false);
    assertThatThrownBy(() -> RrdFile.open(scanned, two))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("chunk index too large: expected at most 2 chunks, found 3");
    assertThat(RrdReadOptions.defaults().maxChunks()).isEqualTo(1 << 20);
  }

  /** An index entry (from a footer or a caller) is read only if it fits maxMessageBytes. */
  @Test
  void indexEntryLargerThanMaxMessageBytesIsNotRead() throws IOException {
    try (RrdFile f = RrdFile.open(recording(true))) {
      ChunkIndexEntry real = f.chunks().get(0);
      ChunkIndexEntry huge =
          new ChunkIndexEntry(
              real.chunkId(),
              real.storeId(),
              real.entityPath(),
              real.isStatic(),
              real.numRows(),
              real.byteOffset(),
              3L << 30,
              real.uncompressedSize(),
              Map.of(),
              Set.of());
      assertThatThrownBy(() -> f.readChunk(huge))
          .isInstanceOf(LimitExceededException.class)
          .hasMessageContaining("chunk byte size too large")
          .extracting(e -> ((RrdVideoException) e).offset())
          .isEqualTo(real.byteOffset());
      ChunkIndexEntry elsewhere =
          new ChunkIndexEntry(
              new Tuid(1, 2),
              real.storeId(),
              real.entityPath(),
              real.isStatic(),
              real.numRows(),
              real.byteOffset(),
              real.byteSize(),
              real.uncompressedSize(),
              Map.of(),
              Set.of());
      assertThatThrownBy(() -> f.readChunk(elsewhere))
          .isInstanceOf(RrdFormatException.class)
          .hasMessageContaining("the file's index says chunk");
    }
  }

  /** Protobuf nesting (unknown groups inside a message) stops at protobuf-java's limit of 100. */
  @Test
  void protobufNestingIsBounded() {
    byte[] groups = new byte[200];
    java.util.Arrays.fill(groups, (byte) ((15 << 3) | 3)); // START_GROUP of unknown field 15
    byte[] b = new RrdBytes().validHeader().message(1, groups).toByteArray();
    assertThatThrownBy(
            () -> {
              try (RrdReader r = RrdReader.open(new ByteArrayInputStream(b))) {
                r.next();
              }
            })
        .isInstanceOf(RrdFormatException.class)
        .hasMessageContaining("corrupt protobuf in SET_STORE_INFO message")
        .hasMessageContaining("too many levels of nesting")
        .extracting(e -> ((RrdVideoException) e).offset())
        .isEqualTo(28L);
  }
}
