package dev.rrdvideo.live;

import dev.rrdvideo.format.RrdMessageSink;
import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.live.internal.Cors;
import dev.rrdvideo.live.internal.Entry;
import dev.rrdvideo.live.internal.MessageHub;
import dev.rrdvideo.live.internal.MessageInspector;
import dev.rrdvideo.live.internal.ReadStream;
import dev.rrdvideo.live.internal.Rpc;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.MessageSizeOverflowException;
import io.vertx.grpc.server.GrpcProtocol;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import io.vertx.grpc.server.GrpcServerRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A Rerun gRPC message proxy in the JVM: what {@code rerun --serve-grpc} and the SDKs' {@code
 * serve_grpc()} run, so that Rerun viewers can connect with {@code rerun --connect
 * rerun+http://127.0.0.1:9876/proxy} (native) or open that URL in the web viewer.
 *
 * <p>Serves {@code rerun.sdk_comms.v1alpha1.MessageProxyService}: {@code WriteMessages} (SDK
 * clients push messages; a {@link LiveClient} does) and {@code ReadMessages} (viewers read the
 * history, then every new message), over gRPC on HTTP/2 and gRPC-Web on HTTP/1.1 on the same port,
 * with Rerun's CORS policy. History as Rerun keeps it (store infos and blueprints forever, static
 * chunks, then temporal chunks dropped oldest first over the limit), but video is dropped in whole
 * GOPs so that a viewer that connects late always starts on a keyframe. A slow viewer neither slows
 * the producers nor the other viewers; one that falls too far behind is dropped.
 *
 * <p>In-process producers write through {@link #sink()}:
 *
 * <pre>{@code
 * try (LiveServer server = LiveServer.start(LiveServerOptions.defaults());
 *     RrdWriter w = RrdWriter.open(server.sink(), RrdWriteOptions.defaults())) {
 *   StoreId store = w.beginRecording("my_app", null);
 *   VideoStreamWriter video = VideoStreamWriter.builder(w, store, EntityPath.parse("/video"))
 *       .codec(VideoCodec.H264).timeline("time", TimeType.DURATION).build();
 *   video.addSample(ptsNanos, bytes, 0, bytes.length, keyframe);
 *   video.flush(); // every frame reaches the viewers at once
 * }
 * }</pre>
 *
 * <p>Thread-safe. Never prints: log lines go to {@link LiveServerOptions#log()}.
 */
public final class LiveServer implements AutoCloseable {
  private static final long START_TIMEOUT_MILLIS = 30_000;

  private final LiveServerOptions options;
  private final Vertx vertx;
  private final HttpServer http;
  private final MessageHub hub;
  private final MessageInspector.Codecs codecs;
  private final Appender recorder;
  private final Consumer<String> log;
  private volatile boolean closed;

  /** Appends to the hub, recording first when a recorder is set (one lock: the same order). */
  private static final class Appender {
    private final MessageHub hub;
    private final LiveServerOptions.Recorder recorder;
    private final Consumer<String> log;
    private boolean failed;

    Appender(MessageHub hub, LiveServerOptions options) {
      this.hub = hub;
      this.recorder = options.recorder();
      this.log = options.log();
    }

    void append(Entry e, dev.rrdvideo.format.RrdMessage m) {
      if (recorder == null) {
        hub.append(e);
        return;
      }
      synchronized (this) {
        if (!failed) {
          try {
            recorder.record(m);
          } catch (IOException | RuntimeException x) {
            failed = true;
            log.accept("recording stopped: " + x.getMessage());
          }
        }
        hub.append(e);
      }
    }
  }

  private LiveServer(
      LiveServerOptions options,
      Vertx vertx,
      HttpServer http,
      MessageHub hub,
      MessageInspector.Codecs codecs,
      Appender recorder) {
    this.options = options;
    this.vertx = vertx;
    this.http = http;
    this.hub = hub;
    this.codecs = codecs;
    this.recorder = recorder;
    this.log = options.log();
  }

  /**
   * Starts a server and returns once it listens.
   *
   * @throws IOException if the address cannot be bound (e.g. the port is in use)
   */
  public static LiveServer start(LiveServerOptions options) throws IOException {
    Consumer<String> log = options.log();
    MessageHub hub = new MessageHub(options.historyLimitBytes(), log);
    MessageInspector.Codecs codecs = new MessageInspector.Codecs();
    Appender recorder = new Appender(hub, options);
    Vertx vertx = Rpc.vertx(2);
    try {
      GrpcServer grpc =
          GrpcServer.server(
              vertx,
              new GrpcServerOptions()
                  .removeEnabledProtocol(GrpcProtocol.TRANSCODING) // JSON: not part of the protocol
                  .setMaxMessageSize(options.maxMessageBytes()));
      grpc.callHandler(Rpc.READ_SERVER, req -> read(req, hub, options));
      grpc.callHandler(Rpc.WRITE_SERVER, req -> write(req, recorder, codecs, options));
      HttpServer http =
          vertx
              .createHttpServer(
                  new HttpServerOptions()
                      .setHost(options.bindAddress())
                      .setPort(options.port())
                      .setTcpNoDelay(true)
                      .setHttp2ClearTextEnabled(true))
              .requestHandler(new Cors(options.corsOrigins(), grpc, log));
      Rpc.await(
          http.listen(),
          START_TIMEOUT_MILLIS,
          "cannot listen on " + options.bindAddress() + ":" + options.port());
      LiveServer s = new LiveServer(options, vertx, http, hub, codecs, recorder);
      log.accept(
          "listening for gRPC and gRPC-Web on "
              + options.bindAddress()
              + ":"
              + http.actualPort()
              + "; connect with: rerun --connect "
              + s.url());
      return s;
    } catch (IOException | RuntimeException e) {
      vertx.close();
      throw e;
    }
  }

  private static void read(
      GrpcServerRequest<Buffer, Buffer> req, MessageHub hub, LiveServerOptions options) {
    Context context = Vertx.currentContext();
    String peer = String.valueOf(req.connection().remoteAddress());
    ReadStream stream =
        new ReadStream(
            hub, req.response(), context, options.readerLagLimitBytes(), peer, options.log());
    req.handler(ignored -> {}); // the request is empty (ReadMessagesRequest)
    req.exceptionHandler(t -> stream.close("stream failed: " + t.getMessage()));
    req.errorHandler(err -> stream.close("stream ended by the client: " + err));
    options.log().accept("viewer " + peer + " connected");
    stream.start();
  }

  private static void write(
      GrpcServerRequest<Buffer, Buffer> req,
      Appender recorder,
      MessageInspector.Codecs codecs,
      LiveServerOptions options) {
    Consumer<String> log = options.log();
    String peer = String.valueOf(req.connection().remoteAddress());
    MessageInspector in =
        new MessageInspector("WriteMessages from " + peer, options.maxMessageBytes(), codecs, log);
    boolean[] failed = {false};
    long[] count = {0};
    log.accept("SDK client " + peer + " connected");
    req.handler(
        buf -> {
          if (failed[0]) {
            return;
          }
          try {
            Entry entry = in.request(buf.getBytes());
            recorder.append(entry, in.takeLastMessage());
            count[0]++;
          } catch (RrdVideoException e) {
            failed[0] = true;
            log.accept("refused a message from " + peer + ": " + e.getMessage());
            req.response().status(GrpcStatus.INVALID_ARGUMENT).statusMessage(e.getMessage()).end();
          }
        });
    req.invalidMessageHandler(
        e -> {
          if (failed[0]) {
            return;
          }
          failed[0] = true;
          boolean tooLarge = e instanceof MessageSizeOverflowException;
          String why =
              tooLarge
                  ? "message larger than the limit of " + options.maxMessageBytes() + " bytes"
                  : "malformed gRPC message: " + e.getMessage();
          log.accept("refused a message from " + peer + ": " + why);
          req.response()
              .status(tooLarge ? GrpcStatus.RESOURCE_EXHAUSTED : GrpcStatus.INVALID_ARGUMENT)
              .statusMessage(why)
              .end();
        });
    req.exceptionHandler(
        t -> log.accept("SDK client " + peer + " stream failed: " + t.getMessage()));
    req.endHandler(
        v -> {
          if (!failed[0]) {
            log.accept("SDK client " + peer + " finished after " + count[0] + " messages");
            req.response().end(Buffer.buffer());
          }
        });
  }

  /** Returns the port the server listens on. */
  public int port() {
    return http.actualPort();
  }

  /**
   * Returns the URL viewers connect to: {@code rerun+http://127.0.0.1:PORT/proxy} when bound to
   * loopback or to every address, otherwise with the bound address.
   */
  public String url() {
    String host = options.bindAddress();
    try {
      InetAddress a = InetAddress.getByName(host);
      if (a.isLoopbackAddress() || a.isAnyLocalAddress()) {
        host = "127.0.0.1";
      }
    } catch (IOException e) {
      // a host name that does not resolve here: use it as given
    }
    return new ProxyUrl(host, port()).toString();
  }

  /**
   * Returns a new in-process producer: each message goes into the history and to every viewer, as
   * if a client had sent it with {@code WriteMessages}. Messages are validated like a client's
   * ({@link RrdVideoException} for bytes that are not a valid message). Closing the sink does not
   * stop the server. Use one sink per producing thread.
   */
  public RrdMessageSink sink() {
    MessageInspector in =
        new MessageInspector("in-process producer", options.maxMessageBytes(), codecs, log);
    return new RrdMessageSink() {
      private long offset;

      @Override
      public void message(int kind, byte[] buf, int off, int len) throws IOException {
        if (closed) {
          throw new IOException("the live server is closed");
        }
        Entry e = in.message(kind, Arrays.copyOfRange(buf, off, off + len), offset);
        offset += len;
        recorder.append(e, in.takeLastMessage());
      }
    };
  }

  /** Counters of a running server. */
  public record Stats(
      long messages,
      long bytes,
      long historyMessages,
      long historyBytes,
      long droppedMessages,
      int viewers) {}

  /** Returns the counters: messages received, history held, messages dropped, viewers reading. */
  public Stats stats() {
    MessageHub.Stats s = hub.stats();
    return new Stats(
        s.messages(),
        s.bytes(),
        s.historyMessages(),
        s.historyBytes(),
        s.droppedMessages(),
        s.readers());
  }

  /** Stops listening, ends every stream and frees the threads. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Rpc.await(http.close(), 10_000, "closing the server");
    } finally {
      Rpc.await(vertx.close(), 10_000, "stopping the server's threads");
    }
  }
}
