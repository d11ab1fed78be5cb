package dev.rrdvideo.format.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import dev.rrdvideo.format.ChunkIndexEntry;
import dev.rrdvideo.format.ChunkMessage;
import dev.rrdvideo.format.RrdFile;
import dev.rrdvideo.format.RrdMessage;
import dev.rrdvideo.format.RrdReadOptions;
import dev.rrdvideo.format.RrdReader;
import dev.rrdvideo.format.RrdWarning;
import dev.rrdvideo.format.StreamEnd;
import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.internal.arrow.Allocators;
import dev.rrdvideo.format.error.RrdFormatException;
import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.format.verify.RrdVerifier;
import dev.rrdvideo.format.video.AssetVideoChunk;
import dev.rrdvideo.format.video.io.VideoStreamReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inputs of {@code ../shared/fuzz-findings} whose cause was in the format module, each replayed
 * through the entry point that failed (named in the finding's {@code .txt}), asserting the typed
 * error, its offset and what it says. Before the fix each of these threw an unchecked exception,
 * leaked Arrow memory, or burned seconds of CPU. The same files are in the Jazzer regression
 * corpus, where every target replays them under the full contract.
 */
class FuzzFindingsTest {
  @TempDir Path dir;
  private long allocatedBefore;

  @BeforeEach
  void rememberAllocator() {
    allocatedBefore = Allocators.root().getAllocatedMemory();
  }

  @AfterEach
  void allocatorIsBack() {
    assertThat(Allocators.root().getAllocatedMemory())
        .as("bytes held by the shared Arrow allocator after the test")
        .isEqualTo(allocatedBefore);
  }

  static byte[] corpus(String target, String name) {
    String path = "/dev/rrdvideo/format/fuzz/" + target + "Inputs/" + name;
    try (InputStream in = FuzzFindingsTest.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no corpus file " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path file(String target, String name) throws IOException {
    Path p = dir.resolve(name.substring(name.indexOf('/') + 1));
    Files.write(p, corpus(target, name));
    return p;
  }

  /** Was IndexOutOfBoundsException in Cells.blob (convert's AssetVideo path). */
  @Test
  void negativeFirstBlobOffsetIsRefusedAtDecode() throws IOException {
    Path p = file("RrdFileFuzzTest", "randomAccess/cells-blob-negative-first-offset.rrd");
    // no footer: opening scans, and the scan decodes the chunk
    assertThatThrownBy(
            () -> {
              try (RrdFile f = RrdFile.open(p)) {
                for (ChunkIndexEntry e : f.chunks()) {
                  try (Chunk c = f.readChunk(e)) {
                    AssetVideoChunk.of(c).blob(0);
                  }
                }
              }
            })
        .isInstanceOf(RrdFormatException.class)
        .hasMessageContaining("field 'item': offset 0 is -2112876511")
        .extracting(e -> ((RrdVideoException) e).offset())
        .isEqualTo(28L);
  }

  /** Was IndexOutOfBoundsException in Cells.blobLength (RrdVerifier). */
  @Test
  void verifierReportsTheNegativeOffsetAsAChunkDecodeError() throws IOException {
    byte[] b = corpus("RrdVerifierFuzzTest", "verify/cells-bloblength-negative-first-offset.rrd");
    RrdVerifier.Report r = RrdVerifier.verify(new ByteArrayInputStream(b), "x.rrd");
    assertThat(r.findings())
        .anySatisfy(
            f -> {
              assertThat(f.rule()).isEqualTo("chunk-decode");
              assertThat(f.message()).contains("'AssetVideo:blob': offset 0 is -367525888");
              assertThat(f.offset()).isEqualTo(28L);
            });
  }

  /** Was IndexOutOfBoundsException in Cells.has (VideoStreamReader.open). */
  @Test
  void negativeFirstCodecOffsetIsRefusedAtDecode() throws IOException {
    Path p = file("VideoStreamReaderFuzzTest", "samples/cells-has-negative-first-offset.rrd");
    assertThatThrownBy(
            () -> {
              try (RrdFile f = RrdFile.open(p)) {
                VideoStreamReader.open(f, f.chunks().get(0).entityPath(), null).close();
              }
            })
        .isInstanceOf(RrdFormatException.class)
        .hasMessageContaining("field 'VideoStream:codec': offset 0 is -129")
        .extracting(x -> ((RrdVideoException) x).offset())
        .isEqualTo(28L);
  }

  /** Was NullPointerException in FooterCodec.column (RrdFile.open). */
  @Test
  void footerFieldWithoutNameMakesTheFooterUnusable() throws IOException {
    Path p = file("RrdFileFuzzTest", "randomAccess/footer-field-without-name-lookup.rrd");
    List<RrdWarning> warnings = new ArrayList<>();
    try (RrdFile f = RrdFile.open(p, RrdReadOptions.builder().warnings(warnings::add).build())) {
      assertThat(f.usedFooter()).isFalse();
    }
    assertThat(warnings)
        .anySatisfy(w -> assertThat(w.message()).contains("unusable footer manifest", "no name"));
    assertThatThrownBy(() -> RrdFile.open(p, RrdReadOptions.builder().strict(true).build()))
        .isInstanceOf(RrdFormatException.class)
        .hasMessageContaining("has no name");
  }

  /** Was NullPointerException in FooterCodec.entries (RrdVerifier). */
  @Test
  void verifierReportsTheNamelessManifestField() throws IOException {
    byte[] b = corpus("RrdVerifierFuzzTest", "verify/footer-field-without-name-suffix.rrd");
    RrdVerifier.Report r = RrdVerifier.verify(new ByteArrayInputStream(b), "x.rrd");
    assertThat(r.findings())
        .anySatisfy(
            f -> {
              assertThat(f.rule()).isEqualTo("footer-manifest");
              assertThat(f.message()).contains("has no name");
              assertThat(f.offset()).isPositive();
            });
  }

  /** Was NullPointerException in FooterCodec.entries (StreamEnd.manifests). */
  @Test
  void namelessManifestFieldIsATypedErrorWhenStreaming() throws IOException {
    byte[] b = corpus("RrdReaderFuzzTest", "streaming/footer-field-without-name-column.rrd");
    StreamEnd end = null;
    try (RrdReader r = RrdReader.open(new ByteArrayInputStream(b))) {
      for (RrdMessage m = r.next(); m != null; m = r.next()) {
        if (m instanceof StreamEnd e) {
          end = e;
        }
      }
    }
    assertThat(end).isNotNull();
    long payload = end.offset() + 16;
    assertThatThrownBy(end::manifests)
        .isInstanceOf(RrdFormatException.class)
        .hasMessageContaining("has no name")
        .extracting(x -> ((RrdVideoException) x).offset())
        .isEqualTo(payload);
  }

  /** Was NullPointerException in VideoStreamReader.next. */
  @Test
  void indexPromisingASampleColumnTheChunkLacksIsATypedError() throws IOException {
    Path p = file("VideoStreamReaderFuzzTest", "samples/index-promises-sample-column.rrd");
    try (RrdFile f = RrdFile.open(p)) {
      EntityPath e = VideoStreamReader.videoStreamEntities(f).get(0);
      assertThatThrownBy(
              () -> {
                try (VideoStreamReader r = VideoStreamReader.open(f, e, null)) {
                  while (r.next()) {
                    r.sampleSize();
                  }
                }
              })
          .isInstanceOf(RrdFormatException.class)
          .hasMessageContaining("the file's index lists VideoStream:sample for chunk")
          .hasMessageContaining("but the chunk has no such column")
          .extracting(x -> ((RrdVideoException) x).offset())
          .isEqualTo(20899L);
    }
  }

  /** Left 64 KiB in the shared Arrow allocator per decode (the @AfterEach check). */
  @Test
  void failedDecodeReturnsAllArrowMemory() throws IOException {
    byte[] b = corpus("RrdReaderFuzzTest", "streaming/arrow-leak-buffer-past-body.rrd");
    List<RrdVideoException> errors = new ArrayList<>();
    try (RrdReader r = RrdReader.open(new ByteArrayInputStream(b))) {
      for (RrdMessage m = r.next(); m != null; m = r.next()) {
        if (m instanceof ChunkMessage a) {
          long before = Allocators.root().getAllocatedMemory();
          try (Chunk c = a.decode()) {
            c.rowCount();
          } catch (RrdVideoException e) {
            errors.add(e);
          }
          assertThat(Allocators.root().getAllocatedMemory()).isEqualTo(before);
        }
      }
    }
    assertThat(errors)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e).isInstanceOf(RrdFormatException.class);
              assertThat(e.getMessage())
                  .contains("buffer 10 spans 34359787600+", "outside the body");
              assertThat(e.offset()).isEqualTo(141L);
            });
  }

  /** Took 5-9 s of CPU in Arrow's allocation loop before failing. */
  @Test
  void unbackedFixedSizeBinaryWidthFailsFast() throws IOException {
    Path p = file("RrdFileFuzzTest", "randomAccess/slow-fixed-size-binary-width-unbacked.rrd");
    assertTimeout(
        Duration.ofSeconds(1),
        () ->
            assertThatThrownBy(() -> Exercise.randomAccess(p))
                .isInstanceOf(RrdFormatException.class)
                .hasMessageContaining("data buffer of 16 bytes, its 1 values need 1073741823")
                .extracting(x -> ((RrdVideoException) x).offset())
                .isEqualTo(1690L));
  }
}
