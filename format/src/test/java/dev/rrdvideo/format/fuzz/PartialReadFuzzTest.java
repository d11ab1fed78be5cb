package dev.rrdvideo.format.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rrdvideo.format.ChunkIndexEntry;
import dev.rrdvideo.format.Compression;
import dev.rrdvideo.format.RrdFile;
import dev.rrdvideo.format.RrdWriteOptions;
import dev.rrdvideo.format.RrdWriter;
import dev.rrdvideo.format.StoreId;
import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.ComponentColumn;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeColumn;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.format.testing.FuzzContract;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.VideoStreamChunk;
import dev.rrdvideo.format.video.io.VideoStreamReader;
import dev.rrdvideo.format.video.io.VideoStreamWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Differential target: a chunk read without its samples' bytes ({@link
 * RrdFile#readChunkWithoutSampleBytes}) against the same chunk read whole ({@link
 * RrdFile#readChunk}). For every input and every chunk of its index, both fail (typed), or both
 * give the same container values: id, entity, rows, every time column, every component's null rows
 * and cell lengths, and of the {@code VideoStream} columns each row's sample presence and size,
 * declared keyframe and codec value. Then every {@code VideoStream} entity is read with {@link
 * VideoStreamReader.SampleData#SIZES}: it either fails typed or gives exactly the rows (times,
 * sizes, flags, codecs, chunk ids) of the reader with the bytes. Anything else is a finding, on top
 * of {@link FuzzContract}.
 */
class PartialReadFuzzTest {
  static final Path FILE = RrdFileFuzzTest.TempFile.create("partial-read-fuzz");

  @FuzzTest(maxDuration = "60m", maxExecutions = 1_100_000)
  void sameContainerColumns(byte[] data) {
    RrdFileFuzzTest.TempFile.write(FILE, data);
    FuzzContract.check(() -> Exercise.consume(differential(FILE)));
  }

  /** Runs the comparison; throws AssertionError on a difference, typed errors of the open. */
  static long differential(Path file) throws IOException {
    long n = 0;
    try (RrdFile f = RrdFile.open(file, Exercise.OPTIONS)) {
      for (ChunkIndexEntry e : f.chunks()) {
        String full = chunkSummary(f, e, false);
        String partial = chunkSummary(f, e, true);
        if (!full.equals(partial)) {
          throw new AssertionError(
              "chunk at " + e.byteOffset() + ": full read " + full + "\npartial read " + partial);
        }
        n += full.length();
      }
      List<EntityPath> entities;
      try {
        entities = VideoStreamReader.videoStreamEntities(f);
      } catch (RrdVideoException ex) {
        return n;
      }
      for (EntityPath entity : entities) {
        List<String> partial = new ArrayList<>();
        RrdVideoException partialError =
            rows(f, entity, VideoStreamReader.SampleData.SIZES, partial);
        if (partialError != null) {
          continue; // a typed failure is allowed; the chunk comparison held it to the full read
        }
        List<String> full = new ArrayList<>();
        RrdVideoException fullError = rows(f, entity, VideoStreamReader.SampleData.BYTES, full);
        if (fullError != null || !full.equals(partial)) {
          throw new AssertionError(
              "entity "
                  + entity
                  + ": the reader without sample bytes gave "
                  + partial.size()
                  + " rows, the full reader "
                  + (fullError != null ? "failed: " + fullError : full.size() + " other rows"));
        }
        n += full.size();
      }
    }
    return n;
  }

  private static RrdVideoException rows(
      RrdFile f, EntityPath entity, VideoStreamReader.SampleData data, List<String> out)
      throws IOException {
    try (VideoStreamReader r = VideoStreamReader.open(f, entity, null, false, data)) {
      while (r.next()) {
        out.add(
            r.index()
                + " "
                + r.time()
                + " "
                + r.sampleSize()
                + " "
                + r.keyframeDeclared()
                + " "
                + r.sampleCodec()
                + " "
                + r.chunkId());
        if (data == VideoStreamReader.SampleData.BYTES) {
          ByteBuffer b = r.sample();
          if (b == null || b.remaining() != r.sampleSize()) {
            throw new AssertionError("sample of " + r.sampleSize() + " bytes: " + b);
          }
        }
      }
      return null;
    } catch (RrdVideoException e) {
      return e;
    }
  }

  /** The container values of a chunk, or its typed error's class and offset. */
  static String chunkSummary(RrdFile f, ChunkIndexEntry e, boolean partial) throws IOException {
    StringBuilder s = new StringBuilder();
    try (Chunk c = partial ? f.readChunkWithoutSampleBytes(e) : f.readChunk(e)) {
      s.append(c.id()).append(' ').append(c.entityPath()).append(' ').append(c.rowCount());
      for (TimeColumn t : c.timeColumns()) {
        s.append(" t:").append(t.name()).append(t.type()).append(t.isSorted());
        for (int r = 0; r < c.rowCount(); r++) {
          s.append(',').append(t.value(r));
        }
      }
      for (ComponentColumn col : c.components()) {
        s.append(" c:").append(col.name()).append(':').append(col.typeName());
        for (int r = 0; r < c.rowCount(); r++) {
          s.append(',').append(col.isNull(r) ? -1 : col.cellLength(r));
        }
      }
      VideoStreamChunk v = VideoStreamChunk.of(c);
      if (v != null) {
        s.append(" v:");
        for (int r = 0; r < c.rowCount(); r++) {
          s.append(v.hasSample(r))
              .append('/')
              .append(v.sampleSize(r))
              .append('/')
              .append(v.sampleCellLength(r))
              .append('/')
              .append(v.keyframe(r))
              .append('/')
              .append(v.codecValue(r))
              .append(';');
          if (!partial && v.hasSample(r)) {
            ByteBuffer b = v.sample(r);
            if (b == null || b.remaining() != v.sampleSize(r)) {
              throw new AssertionError("sample of " + v.sampleSize(r) + " bytes: " + b);
            }
          }
        }
      }
      if (!partial && c.skippedBytes() != 0) {
        throw new AssertionError("a whole read left " + c.skippedBytes() + " bytes out");
      }
    } catch (RrdVideoException ex) {
      return "error " + ex.getClass().getSimpleName() + " at " + ex.offset();
    }
    return s.toString();
  }

  /**
   * Writes the seeds (run by hand, outputs committed): {@code mvn -o -pl format -am test
   * -Dtest=PartialReadFuzzTest#seeds -Dsurefire.failIfNoSpecifiedTests=false
   * -Dfuzz.seeds=$PWD/format/src/test/resources/dev/rrdvideo/format/fuzz}.
   */
  @Test
  @EnabledIfSystemProperty(named = "fuzz.seeds", matches = ".+")
  void seeds() throws IOException {
    Path d =
        Files.createDirectories(
            Path.of(System.getProperty("fuzz.seeds"))
                .resolve("PartialReadFuzzTestInputs/sameContainerColumns"));
    Files.write(d.resolve("seed-own-none-footer-small.rrd"), stream(Compression.NONE, 8, 4));
    // samples past the first 16 KiB a partial read takes: the rest is read range by range
    Files.write(d.resolve("seed-own-none-footer-20k.rrd"), stream(Compression.NONE, 3, 7000));
    Files.write(d.resolve("seed-own-lz4-footer-small.rrd"), stream(Compression.LZ4, 8, 4));
  }

  private static byte[] stream(Compression compression, int samples, int size) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    RrdWriteOptions o = RrdWriteOptions.builder().compression(compression).build();
    try (RrdWriter w = RrdWriter.open(bos, o)) {
      StoreId store = w.beginRecording("fuzz_seed", "rec_fuzz_seed");
      VideoStreamWriter v =
          VideoStreamWriter.builder(w, store, EntityPath.parse("/cam/video"))
              .codec(VideoCodec.H264)
              .timeline("video", TimeType.DURATION)
              .build();
      for (int i = 0; i < samples; i++) {
        byte[] sample = new byte[size + i];
        Arrays.fill(sample, (byte) (0x10 + i));
        v.addSample(i * 33_333_333L, ByteBuffer.wrap(sample), i % 4 == 0);
      }
      v.finish();
    }
    return Objects.requireNonNull(bos.toByteArray());
  }
}
