package dev.rrdvideo.cli;

import dev.rrdvideo.format.BlueprintActivation;
import dev.rrdvideo.format.ChunkMessage;
import dev.rrdvideo.format.Compression;
import dev.rrdvideo.format.RrdMessage;
import dev.rrdvideo.format.RrdReadOptions;
import dev.rrdvideo.format.RrdReader;
import dev.rrdvideo.format.RrdWriteOptions;
import dev.rrdvideo.format.RrdWriter;
import dev.rrdvideo.format.StoreInfo;
import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.inspect.Reports;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rrdvideo rewrite}: re-encodes a recording, e.g. to add or drop the footer. */
@Command(
    name = "rewrite",
    mixinStandardHelpOptions = true,
    header = "Write a recording again (add a footer, recompress, older Rerun).",
    description = {
      "Read a recording and write it again with rrdvideo's writer: every chunk decoded and"
          + " re-encoded, store infos kept, a footer index added (unless --no-footer).",
      "Use it to add a footer to files written without one, to change the compression, to make"
          + " a recording an older Rerun viewer reads (--rerun-version), or to merge concatenated"
          + " streams into one."
    },
    footer = {"", "Example: rrdvideo rewrite old.rrd new.rrd --compression none"})
final class RewriteCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "IN", description = "Input .rrd, or - for stdin.")
  String input;

  @Parameters(index = "1", paramLabel = "OUT", description = "Output .rrd, or - for stdout.")
  String output;

  @Option(
      names = "--no-footer",
      description = "Write no footer (End message and index) and no End message.")
  boolean noFooter;

  @Option(
      names = "--compression",
      defaultValue = "AUTO",
      description = "Chunk compression: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Compression compression;

  @Mixin RerunVersionOption rerunVersion;

  /** The former name of --rerun-version (it stamped the stream header only); kept as an alias. */
  @Option(names = "--stamp-version", paramLabel = "X.Y", hidden = true)
  String stampVersion;

  @Option(
      names = "--keep-payloads",
      description = "Copy chunk payloads byte for byte instead of re-encoding them.")
  boolean keepPayloads;

  @Mixin ReadPolicy readPolicy;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if (stampVersion != null && rerunVersion.rerunVersion != null) {
      throw new CliException(
          ExitCode.USAGE, "--stamp-version is the old name of --rerun-version: give one of them");
    }
    RrdWriteOptions.Builder wo =
        RrdWriteOptions.builder()
            .compression(compression)
            .emitFooter(!noFooter)
            .target(
                stampVersion != null
                    ? RerunVersionOption.parse(stampVersion, "--stamp-version")
                    : rerunVersion.target());
    RrdReadOptions ro = readPolicy.readOptions(Io.sourceName(input), err);
    long chunks = 0;
    if (!Io.isDash(input)) {
      InputSniffer.requireRecording(java.nio.file.Path.of(input), Io.sourceName(input), false);
    }
    try (InputStream in = Io.openInput(input);
        RrdReader reader = RrdReader.open(in, ro);
        AtomicOutput out = AtomicOutput.open(output)) {
      RrdWriter writer = RrdWriter.open(out.stream(), wo.build());
      for (RrdMessage m = reader.next(); m != null; m = reader.next()) {
        if (m instanceof StoreInfo s) {
          writer.writeStoreInfo(s);
        } else if (m instanceof BlueprintActivation b) {
          writer.writeBlueprintActivation(b);
        } else if (m instanceof ChunkMessage a) {
          chunks++;
          if (keepPayloads) {
            writer.writeArrowMessage(a);
          } else {
            try (Chunk c = a.decode()) {
              writer.writeChunk(a.storeId(), c);
            }
          }
        }
      }
      writer.close();
      out.commit();
      readPolicy.reportLoss(Io.sourceName(input), Io.sizeOf(input), err);
    }
    if (output != null && !Io.isDash(output)) {
      err.printf("rewrote %s into %s%n", Reports.plural(chunks, "chunk"), output);
    }
    return ExitCode.OK;
  }
}
