package dev.rrdvideo.format.verify;

import dev.rrdvideo.format.ChunkIndexEntry;
import dev.rrdvideo.format.ChunkMessage;
import dev.rrdvideo.format.RrdManifest;
import dev.rrdvideo.format.RrdMessage;
import dev.rrdvideo.format.RrdReadOptions;
import dev.rrdvideo.format.RrdReader;
import dev.rrdvideo.format.RrdVersion;
import dev.rrdvideo.format.RrdWarning;
import dev.rrdvideo.format.StoreId;
import dev.rrdvideo.format.StoreInfo;
import dev.rrdvideo.format.StreamEnd;
import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.ComponentColumn;
import dev.rrdvideo.format.chunk.TimeColumn;
import dev.rrdvideo.format.chunk.Tuid;
import dev.rrdvideo.format.chunk.internal.arrow.Sorbet;
import dev.rrdvideo.format.error.RrdFormatException;
import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.format.video.AssetVideo;
import dev.rrdvideo.format.video.AssetVideoChunk;
import dev.rrdvideo.format.video.VideoFrameReferenceChunk;
import dev.rrdvideo.format.video.VideoStreamChunk;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Structural validation of an {@code .rrd} stream: framing, store infos, every chunk's schema
 * against Rerun's rules, the video components, and the footer manifest against the chunks actually
 * in the stream.
 *
 * <p>Problems that stop the stream from being read at all (a bad first stream header) are thrown as
 * exceptions; everything else becomes a {@link Finding} with a stable rule id. Memory: one {@code
 * long} per video sample (to find duplicate times) plus a few values per chunk.
 */
public final class RrdVerifier {
  /**
   * How serious a finding is. Valid output of a real Rerun writer never has an {@code ERROR} or a
   * {@code WARNING} (tested on files written by Rerun 0.26, 0.31 and 0.33); what such files
   * legitimately do that is still worth knowing is an {@code INFO}.
   */
  public enum Severity {
    /** The file breaks a rule a Rerun reader relies on: data is lost or misread. */
    ERROR,
    /** The file is readable but unusual or fragile; no Rerun writer produces it. */
    WARNING,
    /** Worth knowing, never a failure (not even in strict mode); Rerun itself writes it. */
    INFO
  }

  /**
   * One problem found.
   *
   * @param severity error or warning
   * @param rule stable rule id, e.g. {@code sample-cell-length}
   * @param message what is wrong, with numbers
   * @param offset absolute byte offset, or -1
   */
  public record Finding(Severity severity, String rule, String message, long offset) {
    @Override
    public String toString() {
      return severity.name().toLowerCase(java.util.Locale.ROOT)
          + " ["
          + rule
          + "] "
          + message
          + (offset >= 0 ? " (at offset " + offset + ")" : "");
    }
  }

  /**
   * The result: findings plus what was read.
   *
   * @param findings every problem, in stream order
   * @param messages number of messages read
   * @param chunks number of chunks read
   * @param samples number of {@code VideoStream} samples seen (rows with a sample, each counted
   *     once however many timelines the chunk has)
   * @param assetBlobs number of {@code AssetVideo} blobs seen (rows with a non-null blob; the
   *     frames inside are counted by {@code rrdvideo inspect}, which demuxes them)
   * @param frameReferences number of {@code VideoFrameReference} rows with a timestamp
   */
  public record Report(
      List<Finding> findings,
      long messages,
      long chunks,
      long samples,
      long assetBlobs,
      long frameReferences) {
    /** A report without {@code AssetVideo} counts (both 0). */
    public Report(List<Finding> findings, long messages, long chunks, long samples) {
      this(findings, messages, chunks, samples, 0, 0);
    }

    /** Returns whether no finding is an error. */
    public boolean ok() {
      return findings.stream().noneMatch(f -> f.severity() == Severity.ERROR);
    }

    /**
     * Returns whether the file passes: no error, and in strict mode no warning either. Infos never
     * fail a file.
     */
    public boolean passes(boolean strict) {
      return count(Severity.ERROR) == 0 && (!strict || count(Severity.WARNING) == 0);
    }

    /** Returns the number of findings of a severity. */
    public long count(Severity s) {
      return findings.stream().filter(f -> f.severity() == s).count();
    }
  }

  private final List<Finding> findings = new ArrayList<>();
  private final Set<StoreId> announced = new HashSet<>();
  private final Map<StoreId, List<long[]>> writtenChunks = new LinkedHashMap<>();
  private final Map<StoreId, List<Tuid>> writtenIds = new HashMap<>();
  private final Map<String, long[]> sampleTimes = new HashMap<>();
  private final Map<String, Integer> sampleTimeCounts = new HashMap<>();
  private final Set<String> entitiesWithSamples = new HashSet<>();
  private final Set<String> entitiesWithCodec = new HashSet<>();
  private long messages;
  private long chunks;
  private long samples;
  private long assetBlobs;
  private long frameReferences;
  private RrdVersion streamVersion;
  private int streamCount;
  private long bareEndAt = -1;

  /** The first Rerun version that ends a stream with End + stream footer. */
  private static final RrdVersion FIRST_STREAM_FOOTER = new RrdVersion(0, 28, 0, 0);

  private RrdVerifier() {}

  /**
   * Verifies the stream in {@code in}.
   *
   * @param sourceName name for messages, or {@code null}
   * @throws RrdVideoException if the stream cannot be read at all (bad first stream header)
   */
  public static Report verify(InputStream in, String sourceName) throws IOException {
    RrdVerifier v = new RrdVerifier();
    v.run(in, sourceName);
    return new Report(
        List.copyOf(v.findings), v.messages, v.chunks, v.samples, v.assetBlobs, v.frameReferences);
  }

  private void add(Severity s, String rule, String message, long offset) {
    findings.add(new Finding(s, rule, message, offset));
  }

  private void run(InputStream in, String sourceName) throws IOException {
    RrdReadOptions options =
        RrdReadOptions.builder()
            .sourceName(sourceName)
            .warnings(
                w -> {
                  // a newer version is reported once per stream below, as version-newer
                  if (w.kind() != RrdWarning.Kind.NEWER_VERSION) {
                    add(Severity.ERROR, "stream", w.message(), w.offset());
                  }
                })
            .build();
    try (RrdReader reader = RrdReader.open(in, options)) {
      RrdMessage m;
      while (true) {
        try {
          m = reader.next();
        } catch (RrdFormatException e) {
          if (messages == 0 && e.offset() < 12) {
            throw e;
          }
          add(Severity.ERROR, "framing", e.getOriginalMessage(), e.offset());
          break;
        }
        if (m == null) {
          break;
        }
        if (reader.streamCount() != streamCount) {
          streamCount = reader.streamCount();
          streamVersion = reader.version();
          if (bareEndAt >= 0) {
            add(
                Severity.ERROR,
                "end-without-footer",
                "End message without stream footer, followed by another stream: Rerun reads the"
                    + " next stream's first 32 bytes as a stream footer and loses the rest",
                bareEndAt);
          }
          if (streamVersion.compareTo(RrdVersion.NEWEST_KNOWN) > 0) {
            add(
                Severity.INFO,
                "version-newer",
                "stream written by Rerun "
                    + streamVersion
                    + ", newer than "
                    + RrdVersion.NEWEST_KNOWN
                    + ", the newest version these rules know",
                streamCount == 1 ? 4 : -1);
          }
        }
        bareEndAt = -1;
        messages++;
        if (m instanceof StoreInfo s) {
          storeInfo(s);
        } else if (m instanceof ChunkMessage a) {
          arrow(a);
        } else if (m instanceof StreamEnd e) {
          end(e);
        }
      }
    }
    for (String entity : entitiesWithSamples) {
      if (!entitiesWithCodec.contains(entity)) {
        add(
            Severity.ERROR,
            "video-codec-missing",
            "entity " + entity + " has VideoStream samples but no VideoStream:codec",
            -1);
      }
    }
    for (Map.Entry<String, long[]> e : sampleTimes.entrySet()) {
      int n = sampleTimeCounts.get(e.getKey());
      long[] t = Arrays.copyOf(e.getValue(), n);
      Arrays.sort(t);
      int dups = 0;
      long first = 0;
      for (int i = 1; i < n; i++) {
        if (t[i] == t[i - 1]) {
          if (dups == 0) {
            first = t[i];
          }
          dups++;
        }
      }
      if (dups > 0) {
        add(
            Severity.ERROR,
            "sample-times-unique",
            e.getKey()
                + ": "
                + dups
                + (dups == 1 ? " sample shares" : " samples share")
                + " a time with another (first at "
                + first
                + "); Rerun queries keep only one sample per time",
            -1);
      }
    }
  }

  private void storeInfo(StoreInfo s) {
    announced.add(s.storeId());
    if (s.storeId().applicationId() == null || s.storeId().applicationId().isEmpty()) {
      add(Severity.ERROR, "application-id", "store info without application id", s.offset());
    } else if (!StoreId.isSafeApplicationId(s.storeId().applicationId())) {
      // Rerun itself names recordings after the imported file ("clip.mp4"); 0.36 renames it
      add(
          Severity.INFO,
          "application-id",
          "application id '"
              + s.storeId().applicationId()
              + "' has characters Rerun 0.36 rewrites (allowed: letters, digits, _ and -)",
          s.offset());
    }
  }

  private void arrow(ChunkMessage a) {
    chunks++;
    if (!announced.contains(a.storeId())) {
      if (a.storeId().applicationId() == null) {
        // a store id without application id (Rerun <= 0.24 layout) takes it from the store's
        // SetStoreInfo; Rerun 0.25+ drops a message that arrives before it
        add(
            Severity.ERROR,
            "store-info-missing",
            "chunk for store "
                + a.storeId().recordingId()
                + " has no application id and comes before any SetStoreInfo of it: Rerun"
                + " drops it",
            a.offset());
      } else {
        add(
            Severity.WARNING,
            "store-info-missing",
            "chunk for store " + a.storeId().recordingId() + " before any SetStoreInfo of it",
            a.offset());
        announced.add(a.storeId());
      }
    }
    if (a.compressionCode() == 0) {
      add(
          Severity.WARNING,
          "compression-unspecified",
          "ArrowMsg compression is UNSPECIFIED; writers should say NONE or LZ4",
          a.offset());
    }
    if (a.compressionCode() == 2) {
      try {
        int actual = a.ipcBytes().length;
        if (actual != a.uncompressedSize()) {
          add(
              Severity.WARNING,
              "uncompressed-size",
              "ArrowMsg uncompressed_size is "
                  + a.uncompressedSize()
                  + ", the payload decompresses to "
                  + actual
                  + " bytes (Rerun accepts a larger value; writers write the exact size)",
              a.payloadOffset());
        }
      } catch (RrdVideoException e) {
        // reported by the decode below
      }
    }
    try (Chunk c = a.decode()) {
      writtenChunks
          .computeIfAbsent(a.storeId(), k -> new ArrayList<>())
          .add(
              new long[] {
                a.payloadOffset(),
                a.messageLength(),
                a.uncompressedSize(),
                c.rowCount(),
                c.isStatic() ? 1 : 0
              });
      writtenIds.computeIfAbsent(a.storeId(), k -> new ArrayList<>()).add(c.id());
      chunk(a, c);
    } catch (RrdVideoException e) {
      add(Severity.ERROR, "chunk-decode", e.getOriginalMessage(), a.payloadOffset());
    }
  }

  private void chunk(ChunkMessage a, Chunk c) throws RrdVideoException {
    long at = a.payloadOffset();
    String where = "chunk " + c.id() + " (" + c.entityPath() + ")";
    if (a.chunkIdField() != null && !a.chunkIdField().equals(c.id())) {
      add(
          Severity.ERROR,
          "chunk-id-envelope",
          where + ": ArrowMsg.chunk_id " + a.chunkIdField() + " differs from rerun:id",
          at);
    }
    if (a.isStaticField() != null && a.isStaticField() != c.isStatic()) {
      add(
          Severity.ERROR,
          "is-static-envelope",
          where
              + ": ArrowMsg.is_static="
              + a.isStaticField()
              + " but the chunk is "
              + (c.isStatic() ? "static" : "temporal"),
          at);
    }
    Map<String, String> md = c.metadata();
    String sv = md == null ? null : md.get(Sorbet.KEY_VERSION);
    if (sv == null) {
      add(Severity.WARNING, "sorbet-version", where + ": no sorbet:version metadata", at);
    }
    schemaShape(c, where, at);
    if (!c.rowIdsAscending()) {
      Set<Tuid> seen = new HashSet<>();
      for (int i = 0; i < c.rowCount(); i++) {
        if (!seen.add(c.rowId(i))) {
          add(Severity.ERROR, "row-id-unique", where + ": duplicate row id " + c.rowId(i), at);
          break;
        }
      }
      Field rowField = c.fields().get(0);
      if (rowField.getMetadata() != null
          && "true".equals(rowField.getMetadata().get(Sorbet.KEY_IS_SORTED))) {
        add(
            Severity.ERROR,
            "row-id-sorted-flag",
            where + ": row ids marked rerun:is_sorted but not ascending",
            at);
      }
    }
    for (TimeColumn t : c.timeColumns()) {
      if (t.sortedFlag() && !t.isSorted()) {
        add(
            Severity.ERROR,
            "time-sorted-flag",
            where + ": timeline " + t.name() + " marked rerun:is_sorted but not sorted",
            at);
      }
      for (int i = 0; i < t.size(); i++) {
        if (t.value(i) == Long.MIN_VALUE) {
          add(
              Severity.ERROR,
              "time-static-sentinel",
              where + ": timeline " + t.name() + " row " + i + " holds i64::MIN (reserved)",
              at);
          break;
        }
      }
    }
    for (ComponentColumn col : c.components()) {
      Field f = col.field();
      if (f.getChildren().size() != 1
          || !Sorbet.ITEM.equals(f.getChildren().get(0).getName())
          || !f.getChildren().get(0).isNullable()) {
        add(
            Severity.WARNING,
            "list-field-canonical",
            where
                + ": column "
                + col.name()
                + " list child is not a nullable 'item' (Rerun up to 0.36.0 does not fix this)",
            at);
      }
      if (col.descriptor().archetype() == null || col.descriptor().componentType() == null) {
        add(
            Severity.WARNING,
            "component-descriptor",
            where
                + ": column "
                + col.name()
                + " lacks rerun:archetype or rerun:component_type; the viewer needs both",
            at);
      }
    }
    video(c, where, at);
  }

  private void schemaShape(Chunk c, String where, long at) {
    int phase = 0;
    for (Field f : c.fields()) {
      String kind =
          f.getMetadata() == null ? "data" : f.getMetadata().getOrDefault(Sorbet.KEY_KIND, "data");
      int p;
      switch (kind) {
        case "control":
        case "row_id":
          p = 0;
          break;
        case "index":
        case "time":
          p = 1;
          break;
        default:
          p = 2;
      }
      if (p < phase) {
        add(
            Severity.ERROR,
            "column-order",
            where
                + ": column "
                + f.getName()
                + " out of order (expected row id, then timelines, then components)",
            at);
        return;
      }
      phase = p;
    }
  }

  private void video(Chunk c, String where, long at) throws RrdVideoException {
    String entity = c.entityPath().toString();
    VideoStreamChunk vs;
    try {
      vs = VideoStreamChunk.of(c);
    } catch (RrdFormatException e) {
      add(Severity.ERROR, "video-stream-type", e.getOriginalMessage(), at);
      vs = null;
    }
    if (vs != null) {
      if (vs.hasCodec()) {
        entitiesWithCodec.add(entity);
        try {
          vs.codec();
        } catch (RrdVideoException e) {
          add(Severity.ERROR, "video-codec-value", where + ": " + e.getOriginalMessage(), at);
        }
      }
      if (vs.hasSamples()) {
        entitiesWithSamples.add(entity);
        if (c.isStatic()) {
          add(
              Severity.ERROR,
              "video-sample-static",
              where + ": VideoStream:sample logged statically; samples need a timeline",
              at);
        }
        for (int r = 0; r < c.rowCount(); r++) {
          int n = vs.sampleCellLength(r);
          if (n > 1) {
            add(
                Severity.ERROR,
                "sample-cell-length",
                where
                    + ": row "
                    + r
                    + " holds "
                    + n
                    + " samples; the viewer ignores rows that are not exactly one frame",
                at);
            break;
          }
        }
        for (int r = 0; r < c.rowCount(); r++) {
          if (vs.hasSample(r)) {
            samples++;
          }
        }
        for (TimeColumn t : c.timeColumns()) {
          String key = entity + " on " + t.name();
          for (int r = 0; r < c.rowCount(); r++) {
            if (!vs.hasSample(r)) {
              continue;
            }
            long v = t.value(r);
            if (v < 0 && t.type().isNanos()) {
              add(
                  Severity.WARNING,
                  "sample-time-negative",
                  where + ": sample at negative time " + v + " is never shown",
                  at);
            }
            int k = sampleTimeCounts.getOrDefault(key, 0);
            long[] arr = sampleTimes.computeIfAbsent(key, x -> new long[64]);
            if (k == arr.length) {
              arr = Arrays.copyOf(arr, k * 2);
              sampleTimes.put(key, arr);
            }
            arr[k] = v;
            sampleTimeCounts.put(key, k + 1);
          }
        }
      }
    }
    AssetVideoChunk av;
    try {
      av = AssetVideoChunk.of(c);
    } catch (RrdFormatException e) {
      add(Severity.ERROR, "asset-video-type", e.getOriginalMessage(), at);
      av = null;
    }
    if (av != null) {
      for (int r = 0; r < c.rowCount(); r++) {
        if (av.blobSize(r) < 0) {
          continue;
        }
        assetBlobs++;
        String mt = av.mediaType(r);
        if (mt == null) {
          // what Rerun's own MP4 import writes
          add(
              Severity.INFO,
              "asset-media-type",
              where + ": AssetVideo without media_type (the viewer sniffs the bytes)",
              at);
        } else if (!AssetVideo.MEDIA_TYPE_MP4.equals(mt)) {
          add(
              Severity.WARNING,
              "asset-media-type",
              where + ": media type '" + mt + "': the viewer only plays video/mp4",
              at);
        }
      }
    }
    try {
      VideoFrameReferenceChunk f = VideoFrameReferenceChunk.of(c);
      if (f != null) {
        for (int r = 0; r < c.rowCount(); r++) {
          if (f.hasTimestamp(r)) {
            frameReferences++;
          }
        }
      }
    } catch (RrdFormatException e) {
      add(Severity.ERROR, "frame-reference-type", e.getOriginalMessage(), at);
    }
  }

  private void end(StreamEnd e) {
    List<RrdManifest> ms;
    try {
      ms = e.manifests();
    } catch (RrdVideoException ex) {
      add(Severity.ERROR, "footer-manifest", ex.getOriginalMessage(), ex.offset());
      writtenChunks.clear();
      writtenIds.clear();
      return;
    }
    if (!e.hasStreamFooter()) {
      // Rerun 0.23-0.27 ended every stream like this; without the 32-byte stream footer no
      // reader takes the End payload for an index, so there is no manifest to check.
      boolean historic = streamVersion != null && streamVersion.compareTo(FIRST_STREAM_FOOTER) < 0;
      add(
          historic ? Severity.INFO : Severity.WARNING,
          "end-without-footer",
          "End message without stream footer"
              + (historic
                  ? " (as Rerun " + streamVersion + " writes it; cannot be concatenated with cat)"
                  : " (Rerun 0.28+ always writes one; cannot be concatenated with cat)"),
          e.offset());
      bareEndAt = e.offset();
      writtenChunks.clear();
      writtenIds.clear();
      return;
    }
    Set<StoreId> indexed = new HashSet<>();
    for (RrdManifest m : ms) {
      indexed.add(m.storeId());
      List<long[]> actual = writtenChunks.getOrDefault(m.storeId(), List.of());
      List<Tuid> ids = writtenIds.getOrDefault(m.storeId(), List.of());
      if (actual.size() != m.chunks().size()) {
        add(
            Severity.ERROR,
            "manifest-chunks",
            "manifest of "
                + m.storeId().recordingId()
                + " lists "
                + m.chunks().size()
                + " chunks, the stream has "
                + actual.size(),
            e.offset());
        continue;
      }
      for (int i = 0; i < actual.size(); i++) {
        ChunkIndexEntry x = m.chunks().get(i);
        long[] w = actual.get(i);
        if (!x.chunkId().equals(ids.get(i))
            || x.byteOffset() != w[0]
            || x.byteSize() != w[1]
            || x.uncompressedSize() != w[2]
            || x.numRows() != w[3]
            || x.isStatic() != (w[4] == 1)) {
          add(
              Severity.ERROR,
              "manifest-entry",
              "manifest row "
                  + i
                  + " (chunk "
                  + x.chunkId()
                  + " at "
                  + x.byteOffset()
                  + "+"
                  + x.byteSize()
                  + ") does not match the chunk in the stream ("
                  + ids.get(i)
                  + " at "
                  + w[0]
                  + "+"
                  + w[1]
                  + ")",
              e.offset());
        }
      }
    }
    for (StoreId s : writtenChunks.keySet()) {
      if (!indexed.contains(s)) {
        add(
            Severity.ERROR,
            "manifest-missing",
            "footer has no manifest for store " + s.recordingId() + ", which has chunks",
            e.offset());
      }
    }
    writtenChunks.clear();
    writtenIds.clear();
  }
}
