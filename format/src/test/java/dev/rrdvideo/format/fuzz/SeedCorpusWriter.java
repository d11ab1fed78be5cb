package dev.rrdvideo.format.fuzz;

import com.google.protobuf.ByteString;
import dev.rrdvideo.format.ChunkMessage;
import dev.rrdvideo.format.Compression;
import dev.rrdvideo.format.RrdMessage;
import dev.rrdvideo.format.RrdReader;
import dev.rrdvideo.format.RrdWriteOptions;
import dev.rrdvideo.format.RrdWriter;
import dev.rrdvideo.format.StoreId;
import dev.rrdvideo.format.StreamEnd;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.internal.lz4.Lz4Block;
import dev.rrdvideo.format.internal.proto.RrdTransport;
import dev.rrdvideo.format.testing.Recordings;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.io.VideoStreamWriter;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the seed files of the fuzz corpora (run by hand, outputs committed):
 *
 * <pre>
 * mvn -o -pl format -am test -Dtest=SeedCorpusWriter -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dfuzz.seeds=$PWD/format/src/test/resources/dev/rrdvideo/format/fuzz
 * </pre>
 *
 * <p>Seeds are small recordings written by rrdvideo (a few tiny samples, so a mutant costs little
 * to run) and recordings written by real Rerun, plus the pieces of them the lower-level targets
 * take (footer payloads, Arrow IPC streams, ArrowMsg payloads).
 */
@EnabledIfSystemProperty(named = "fuzz.seeds", matches = ".+")
class SeedCorpusWriter {
  private static final String[] RERUN = {
    "rerun/stream_h264.rrd", "rerun/asset_h264_nobf.rrd", "rerun/stream_av1.rrd"
  };

  @Test
  void write() throws IOException {
    Path root = Path.of(System.getProperty("fuzz.seeds"));
    byte[] streamLz4Footer = videoStream(Compression.LZ4, true, VideoCodec.H264);
    byte[] streamNoneNoFooter = videoStream(Compression.NONE, false, VideoCodec.AV1);
    byte[] asset = asset();
    for (String dir :
        new String[] {
          "RrdReaderFuzzTestInputs/streaming",
          "RrdFileFuzzTestInputs/randomAccess",
          "VideoStreamReaderFuzzTestInputs/samples",
          "RrdVerifierFuzzTestInputs/verify"
        }) {
      Path d = root.resolve(dir);
      Files.createDirectories(d);
      Files.write(d.resolve("seed-own-videostream-h264-lz4-footer.rrd"), streamLz4Footer);
      Files.write(d.resolve("seed-own-videostream-av1-none-nofooter.rrd"), streamNoneNoFooter);
      Files.write(d.resolve("seed-own-asset-lz4-footer.rrd"), asset);
    }
    // Real Rerun files: the streaming and verifier targets get all, the others one each.
    for (String name : RERUN) {
      String base = "seed-rerun-0.33-" + name.substring(name.indexOf('/') + 1);
      Files.write(
          root.resolve("RrdReaderFuzzTestInputs/streaming").resolve(base), TestData.bytes(name));
    }
    Files.write(
        root.resolve("RrdFileFuzzTestInputs/randomAccess/seed-rerun-0.33-asset_h264_nobf.rrd"),
        TestData.bytes("rerun/asset_h264_nobf.rrd"));
    Files.write(
        root.resolve("VideoStreamReaderFuzzTestInputs/samples/seed-rerun-0.33-stream_av1.rrd"),
        TestData.bytes("rerun/stream_av1.rrd"));
    Files.write(
        root.resolve("RrdVerifierFuzzTestInputs/verify/seed-rerun-0.26-asset_h264_nobf.rrd"),
        TestData.bytes("rerun/older/v0.26.2_asset_h264_nobf.rrd"));
    Files.write(
        root.resolve("RrdVerifierFuzzTestInputs/verify/seed-rerun-0.31-stream_h264_mcap.rrd"),
        TestData.bytes("rerun/older/v0.31.4_stream_h264_mcap.rrd"));

    // Pieces for the lower-level targets.
    Path footers = Files.createDirectories(root.resolve("FooterFuzzTestInputs/manifests"));
    Path ipc = Files.createDirectories(root.resolve("ChunkDecodeFuzzTestInputs/ipc"));
    Path msgs = Files.createDirectories(root.resolve("ChunkDecodeFuzzTestInputs/arrowMessage"));
    pieces("own-videostream", streamLz4Footer, footers, ipc, msgs);
    pieces("own-asset", asset, footers, ipc, msgs);
    pieces("rerun-0.33-stream_h264", TestData.bytes("rerun/stream_h264.rrd"), footers, ipc, msgs);
    pieces("rerun-0.33-asset", TestData.bytes("rerun/asset_h264_nobf.rrd"), footers, ipc, msgs);
  }

  /** Writes the footer payload, the IPC bytes and the ArrowMsg seeds of every small chunk. */
  private static void pieces(String name, byte[] rrd, Path footers, Path ipc, Path msgs)
      throws IOException {
    int n = 0;
    try (RrdReader r = RrdReader.open(new ByteArrayInputStream(rrd))) {
      for (RrdMessage m = r.next(); m != null; m = r.next()) {
        if (m instanceof StreamEnd e && e.footerLength() > 0) {
          int start = (int) e.offset() + 16;
          byte[] footer = Arrays.copyOfRange(rrd, start, start + e.footerLength());
          Files.write(footers.resolve("seed-" + name + ".footer"), footer);
          // the same manifests stored uncompressed, so that mutations reach the Arrow table
          Files.write(
              footers.resolve("seed-" + name + "-uncompressed.footer"), uncompressed(footer));
        } else if (m instanceof ChunkMessage a) {
          byte[] ipcBytes = a.ipcBytes();
          if (ipcBytes.length > 8192) {
            continue; // sample/blob chunks: big and mostly opaque bytes
          }
          n++;
          Files.write(ipc.resolve("seed-" + name + "-chunk" + n + ".arrow"), ipcBytes);
          byte[] payload = a.payload();
          ByteBuffer b = ByteBuffer.allocate(5 + payload.length);
          b.put((byte) a.compressionCode());
          b.put(
              ByteBuffer.allocate(4)
                  .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                  .putInt((int) a.uncompressedSize())
                  .array());
          b.put(payload);
          Files.write(msgs.resolve("seed-" + name + "-chunk" + n + ".bin"), b.array());
        }
      }
    }
  }

  private static byte[] uncompressed(byte[] footer) throws IOException {
    RrdTransport.RrdFooter.Builder f = RrdTransport.RrdFooter.parseFrom(footer).toBuilder();
    for (int i = 0; i < f.getManifestsCount(); i++) {
      RrdTransport.DataframePart.Builder d = f.getManifests(i).getData().toBuilder();
      if (d.getCompressionValue() == 2) {
        byte[] ipc = new byte[(int) d.getUncompressedSize()];
        try {
          Lz4Block.decompress(
              d.getPayload().toByteArray(), 0, d.getPayload().size(), ipc, ipc.length);
        } catch (Lz4Block.Lz4CorruptException e) {
          throw new IOException(e);
        }
        d.setCompressionValue(1).setPayload(ByteString.copyFrom(ipc));
        f.setManifests(i, f.getManifests(i).toBuilder().setData(d));
      }
    }
    return f.build().toByteArray();
  }

  /** Eight tiny samples in two GOPs: codec chunk, sample chunks, keyframe marker chunk. */
  private static byte[] videoStream(Compression compression, boolean footer, VideoCodec codec)
      throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    RrdWriteOptions o =
        RrdWriteOptions.builder().compression(compression).emitFooter(footer).build();
    try (RrdWriter w = RrdWriter.open(bos, o)) {
      StoreId store = w.beginRecording("fuzz_seed", "rec_fuzz_seed");
      VideoStreamWriter v =
          VideoStreamWriter.builder(w, store, EntityPath.parse("/cam/video"))
              .codec(codec)
              .timeline("video", TimeType.DURATION)
              .build();
      for (int i = 0; i < 8; i++) {
        byte[] sample = new byte[4 + i];
        Arrays.fill(sample, (byte) (0x10 + i));
        v.addSample(i * 33_333_333L, ByteBuffer.wrap(sample), i % 4 == 0);
      }
      v.finish();
    }
    return bos.toByteArray();
  }

  /** A 64-byte stand-in blob and four frame references. */
  private static byte[] asset() {
    byte[] blob = new byte[64];
    Arrays.fill(blob, (byte) 0x42);
    return Recordings.assetVideo("/asset", blob, 0, 40_000_000L, 80_000_000L, 120_000_000L);
  }
}
