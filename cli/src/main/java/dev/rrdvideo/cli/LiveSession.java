package dev.rrdvideo.cli;

import dev.rrdvideo.format.RrdMessageSink;
import dev.rrdvideo.live.LiveClient;
import dev.rrdvideo.live.LiveServer;
import dev.rrdvideo.live.LiveServerOptions;
import dev.rrdvideo.live.ProxyUrl;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;

/**
 * The live end of a streaming command: a {@link LiveServer} that viewers connect to, or a {@link
 * LiveClient} pushing to a running proxy. The only class of the command line that touches the live
 * module ({@link LivePush} goes through it), so that commands that do not stream never load its
 * classes (nor Vert.x's).
 */
final class LiveSession implements AutoCloseable {
  private final LiveServer server;
  private final LiveClient client;
  private final PrintWriter err;

  private LiveSession(LiveServer server, LiveClient client, PrintWriter err) {
    this.server = server;
    this.client = client;
    this.err = err;
  }

  /** Starts a server or connects to a proxy, as the options say, and prints how to connect. */
  static LiveSession open(LiveOptions o, PrintWriter err) throws IOException {
    return open(o, err, null);
  }

  /**
   * Same as {@link #open(LiveOptions, PrintWriter)}, a server also giving every message to {@code
   * recorder}.
   */
  static LiveSession open(LiveOptions o, PrintWriter err, LiveServerOptions.Recorder recorder)
      throws IOException {
    o.validate();
    if (o.connect != null) {
      return connect(o.connect, err);
    }
    LiveServer s =
        LiveServer.start(
            LiveServerOptions.builder()
                .bindAddress(o.bind)
                .port(o.port)
                .historyLimitBytes(o.memoryLimitMib << 20)
                .corsOrigins(o.corsOrigins)
                .recorder(recorder)
                .log(
                    line -> {
                      synchronized (err) {
                        err.println("live: " + line);
                        err.flush();
                      }
                    })
                .build());
    if (!o.bind.equals("127.0.0.1") && !o.bind.equals("localhost") && !o.bind.equals("::1")) {
      err.println(
          "WARNING: listening on "
              + o.bind
              + ": anyone who can reach this address can read the stream and write to it"
              + " (there is no authentication)");
    }
    err.println("Open the stream in a Rerun viewer (0.33 or newer):");
    err.println("  native:     rerun --connect " + s.url());
    err.println(
        "  web viewer: the same URL, e.g. new WebViewer().start(\""
            + s.url()
            + "\") in a page served from localhost (npm @rerun-io/web-viewer)");
    err.println("Press Ctrl-C to stop.");
    err.flush();
    return new LiveSession(s, null, err);
  }

  /**
   * Connects to the proxy at {@code url} ({@code --connect}) and says so on {@code err} (unless
   * {@code null}).
   *
   * @throws CliException (exit 2) if {@code url} is not a proxy URL
   * @throws IOException (exit 5) if the proxy cannot be reached
   */
  static LiveSession connect(String url, PrintWriter err) throws IOException {
    ProxyUrl u = parseUrl(url);
    LiveClient c;
    try {
      c = LiveClient.connect(u);
    } catch (java.io.InterruptedIOException e) {
      throw e;
    } catch (IOException e) {
      Throwable why = e.getCause() != null ? e.getCause() : e;
      throw new IOException(
          "cannot reach the message proxy at "
              + u
              + " ("
              + why.getMessage()
              + "); is one running there (rrdvideo serve, rerun --serve-grpc, a viewer)?",
          e);
    }
    if (err != null) {
      err.println("streaming to the message proxy at " + u);
      err.flush();
    }
    return new LiveSession(null, c, err);
  }

  /**
   * Parses a {@code --connect} value.
   *
   * @throws CliException (exit 2) if it is not a proxy URL
   */
  static ProxyUrl parseUrl(String url) {
    try {
      return ProxyUrl.parse(url);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.USAGE, "--connect: " + e.getMessage());
    }
  }

  /** Returns a new sink for one producer. */
  RrdMessageSink sink() {
    return server != null ? server.sink() : client;
  }

  /** Returns whether this session serves (rather than pushes). */
  boolean serving() {
    return server != null;
  }

  /** Keeps serving until the process is stopped (Ctrl-C); returns at once when pushing. */
  void serveUntilStopped() throws IOException {
    if (server == null) {
      return;
    }
    LiveServer.Stats s = server.stats();
    err.printf(
        "done producing (%d messages, %d bytes); still serving %d viewer(s) -- Ctrl-C to stop%n",
        s.messages(), s.bytes(), s.viewers());
    err.flush();
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    if (server != null) {
      server.close();
    }
    if (client != null) {
      client.close();
    }
  }
}
