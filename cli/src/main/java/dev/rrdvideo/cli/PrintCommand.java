package dev.rrdvideo.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.rrdvideo.format.BlueprintActivation;
import dev.rrdvideo.format.ChunkIndexEntry;
import dev.rrdvideo.format.ChunkMessage;
import dev.rrdvideo.format.RrdManifest;
import dev.rrdvideo.format.RrdMessage;
import dev.rrdvideo.format.RrdReadOptions;
import dev.rrdvideo.format.RrdReader;
import dev.rrdvideo.format.StoreInfo;
import dev.rrdvideo.format.StreamEnd;
import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.ComponentColumn;
import dev.rrdvideo.format.chunk.TimeColumn;
import dev.rrdvideo.inspect.Reports;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rrdvideo print}: lists the stores, chunks and footer of a recording. */
@Command(
    name = "print",
    mixinStandardHelpOptions = true,
    header = "List the stores, chunks and footer of an .rrd file.",
    description = {
      "Print the stores, chunks (id, entity, rows, timelines, components, sizes) and footer of an"
          + " .rrd file, in stream order. Reads pipes: use - for stdin."
    },
    footer = {"", "Example: rrdvideo print recording.rrd --format json > recording.json"})
final class PrintCommand implements Callable<Integer> {
  enum Format {
    text,
    json
  }

  @Parameters(index = "0", paramLabel = "FILE", description = "The .rrd file, or - for stdin.")
  String file;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Mixin ReadPolicy readPolicy;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RrdReadOptions options = readPolicy.readOptions(Io.sourceName(file), err);
    if (!Io.isDash(file)) {
      InputSniffer.requireRecording(java.nio.file.Path.of(file), Io.sourceName(file), false);
    }
    try (InputStream in = Io.openInput(file);
        RrdReader reader = RrdReader.open(in, options)) {
      if (format == Format.json) {
        printJson(reader, out);
      } else {
        printText(reader, out);
      }
      out.flush();
      readPolicy.reportLoss(Io.sourceName(file), Io.sizeOf(file), err);
    }
    out.flush();
    return ExitCode.OK;
  }

  private void printText(RrdReader reader, PrintWriter out) throws IOException {
    boolean first = true;
    long chunks = 0;
    for (RrdMessage m = reader.next(); m != null; m = reader.next()) {
      if (first) {
        out.printf(
            "%s: .rrd stream, Rerun %s, %s%n",
            Io.sourceName(file),
            reader.version(),
            reader.headerCompression() == 1 ? "LZ4" : "uncompressed");
        first = false;
      }
      if (m instanceof StoreInfo s) {
        out.printf(
            "@%d store %s %s app=%s source=%s version=%s%n",
            s.offset(),
            s.storeId().kind().name().toLowerCase(Locale.ROOT),
            s.storeId().recordingId(),
            s.storeId().applicationId(),
            s.source().describe(),
            s.storeVersion());
      } else if (m instanceof ChunkMessage a) {
        chunks++;
        try (Chunk c = a.decode()) {
          out.printf(
              "@%d chunk %s %s %s rows=%d bytes=%d (uncompressed %d, %s)%n",
              a.offset(),
              c.id(),
              c.entityPath(),
              c.isStatic() ? "static" : "temporal",
              c.rowCount(),
              a.messageLength(),
              a.uncompressedSize(),
              a.compression().name().toLowerCase(Locale.ROOT));
          for (TimeColumn t : c.timeColumns()) {
            out.printf(
                "    timeline %s (%s) %d..%d%n",
                t.name(), t.type().name().toLowerCase(Locale.ROOT), t.min(), t.max());
          }
          for (ComponentColumn col : c.components()) {
            out.printf(
                "    component %s : %s (%d non-null)%n",
                col.name(), col.typeName(), col.nonNullCount());
          }
        }
      } else if (m instanceof BlueprintActivation b) {
        out.printf("@%d blueprint activation %s%n", b.offset(), b.blueprintId().recordingId());
      } else if (m instanceof StreamEnd e) {
        List<RrdManifest> ms = e.manifests();
        out.printf(
            "@%d end: footer %s, %s, %s%n",
            e.offset(),
            Reports.plural(e.footerLength(), "byte"),
            e.hasStreamFooter() ? "stream footer present" : "no stream footer",
            Reports.plural(ms.size(), "manifest"));
        for (RrdManifest man : ms) {
          out.printf(
              "    manifest %s: %s, %s%n",
              man.storeId().recordingId(),
              Reports.plural(man.chunks().size(), "chunk"),
              Reports.plural(man.manifestFields().size(), "column"));
        }
      }
    }
    out.printf("%s%n", Reports.plural(chunks, "chunk"));
  }

  private void printJson(RrdReader reader, PrintWriter out) throws IOException {
    JsonGenerator g = new JsonFactory().createGenerator(out);
    g.useDefaultPrettyPrinter();
    g.writeStartObject();
    g.writeStringField("file", Io.sourceName(file));
    g.writeArrayFieldStart("messages");
    for (RrdMessage m = reader.next(); m != null; m = reader.next()) {
      g.writeStartObject();
      g.writeNumberField("offset", m.offset());
      if (m instanceof StoreInfo s) {
        g.writeStringField("kind", "store_info");
        g.writeStringField("store_kind", s.storeId().kind().name().toLowerCase(Locale.ROOT));
        g.writeStringField("recording_id", s.storeId().recordingId());
        g.writeStringField("application_id", s.storeId().applicationId());
        g.writeStringField("source", s.source().describe());
        g.writeStringField(
            "store_version", s.storeVersion() == null ? null : s.storeVersion().toString());
        g.writeStringField("stream_version", String.valueOf(reader.version()));
      } else if (m instanceof ChunkMessage a) {
        g.writeStringField("kind", "chunk");
        g.writeStringField("recording_id", a.storeId().recordingId());
        g.writeNumberField("byte_size", a.messageLength());
        g.writeNumberField("uncompressed_size", a.uncompressedSize());
        g.writeStringField("compression", a.compression().name().toLowerCase(Locale.ROOT));
        try (Chunk c = a.decode()) {
          g.writeStringField("chunk_id", c.id().toString());
          g.writeStringField("entity_path", c.entityPath().toString());
          g.writeBooleanField("static", c.isStatic());
          g.writeNumberField("rows", c.rowCount());
          g.writeArrayFieldStart("timelines");
          for (TimeColumn t : c.timeColumns()) {
            g.writeStartObject();
            g.writeStringField("name", t.name());
            g.writeStringField("type", t.type().name().toLowerCase(Locale.ROOT));
            g.writeNumberField("min", t.min());
            g.writeNumberField("max", t.max());
            g.writeBooleanField("sorted", t.isSorted());
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeArrayFieldStart("components");
          for (ComponentColumn col : c.components()) {
            g.writeStartObject();
            g.writeStringField("component", col.name());
            g.writeStringField("archetype", col.descriptor().archetype());
            g.writeStringField("component_type", col.descriptor().componentType());
            g.writeStringField("type", col.typeName());
            g.writeNumberField("non_null_rows", col.nonNullCount());
            g.writeEndObject();
          }
          g.writeEndArray();
        }
      } else if (m instanceof BlueprintActivation b) {
        g.writeStringField("kind", "blueprint_activation");
        g.writeStringField("blueprint_id", b.blueprintId().recordingId());
      } else if (m instanceof StreamEnd e) {
        g.writeStringField("kind", "end");
        g.writeNumberField("footer_bytes", e.footerLength());
        g.writeBooleanField("stream_footer", e.hasStreamFooter());
        g.writeArrayFieldStart("manifests");
        for (RrdManifest man : e.manifests()) {
          g.writeStartObject();
          g.writeStringField("recording_id", man.storeId().recordingId());
          g.writeNumberField("chunks", man.chunks().size());
          g.writeArrayFieldStart("entries");
          for (ChunkIndexEntry c : man.chunks()) {
            g.writeStartObject();
            g.writeStringField("chunk_id", c.chunkId().toString());
            g.writeStringField("entity_path", c.entityPath().toString());
            g.writeNumberField("byte_offset", c.byteOffset());
            g.writeNumberField("byte_size", c.byteSize());
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    g.flush();
    out.println();
  }
}
