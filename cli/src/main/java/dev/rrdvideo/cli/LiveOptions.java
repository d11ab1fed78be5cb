package dev.rrdvideo.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Options shared by the commands that stream live ({@code demo --serve}, {@code serve}): where to
 * serve, or which proxy to push to. Plain values only; the live module's classes are loaded by
 * {@link LiveSession}, and only when a command streams.
 */
final class LiveOptions {
  @Option(
      names = "--port",
      defaultValue = "9876",
      description = "Port of the gRPC server viewers connect to (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDR",
      description =
          "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 opens the"
              + " server to the network, without authentication).")
  String bind;

  @Option(
      names = "--connect",
      paramLabel = "URL",
      description =
          "Push to a running message proxy (rerun --serve-grpc, a viewer, rrdvideo serve) instead"
              + " of serving, e.g. rerun+http://127.0.0.1:9876/proxy.")
  String connect;

  @Option(
      names = "--memory-limit",
      defaultValue = "1024",
      paramLabel = "MIB",
      description =
          "History kept for viewers that connect later, in MiB (default: ${DEFAULT-VALUE}); the"
              + " oldest data goes first, video in whole GOPs. 0 keeps none.")
  long memoryLimitMib;

  @Option(
      names = "--cors-origin",
      paramLabel = "PATTERN",
      description =
          "Also allow web viewers served from origins matching this glob (e.g."
              + " 'https://*.example.com'); localhost, 127.0.0.1 and rerun.io always are.")
  List<String> corsOrigins = new ArrayList<>();

  void validate() {
    if (port < 0 || port > 65535) {
      throw new CliException(ExitCode.USAGE, "--port must be 0..65535, was " + port);
    }
    if (memoryLimitMib < 0 || memoryLimitMib > (1L << 30)) {
      throw new CliException(ExitCode.USAGE, "--memory-limit must be 0..2^30 MiB");
    }
  }
}
