package dev.rrdvideo.live;

import dev.rrdvideo.format.RrdMessageSink;
import dev.rrdvideo.live.internal.MessageInspector;
import dev.rrdvideo.live.internal.Rpc;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Pushes a recording to a running message proxy (ours, {@code rerun --serve-grpc}, a viewer's
 * built-in server) with one {@code WriteMessages} call over gRPC (HTTP/2, cleartext): the
 * counterpart of the Rerun SDKs' {@code connect_grpc()}. Use it as the sink of an {@link
 * dev.rrdvideo.format.RrdWriter}:
 *
 * <pre>{@code
 * try (LiveClient proxy = LiveClient.connect(ProxyUrl.parse("rerun+http://127.0.0.1:9876/proxy"));
 *     RrdWriter w = RrdWriter.open(proxy, RrdWriteOptions.defaults())) { ... }
 * }</pre>
 *
 * <p>At most {@link #MAX_IN_FLIGHT_BYTES} are queued for the network: {@link #message} blocks while
 * more are (back-pressure from a slow proxy). {@link #close()} ends the call and waits for the
 * proxy's answer, so a message the proxy refused is reported there if not earlier. Call from one
 * producer thread (not from a Vert.x thread).
 */
public final class LiveClient implements RrdMessageSink {
  /** Bytes queued for the network before {@link #message} waits. */
  public static final int MAX_IN_FLIGHT_BYTES = 16 << 20;

  private static final long CONNECT_TIMEOUT_MILLIS = 10_000;
  private static final long CLOSE_TIMEOUT_MILLIS = 60_000;

  private final ProxyUrl url;
  private final Vertx vertx;
  private final GrpcClient grpc; // held: Vert.x closes a client that becomes unreachable
  private final Context context;
  private final GrpcClientRequest<Buffer, Buffer> request;
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT_BYTES);
  private final io.vertx.core.Future<GrpcClientResponse<Buffer, Buffer>> response;
  private volatile Throwable failure;
  private long messages;
  private boolean closed;

  private LiveClient(
      ProxyUrl url,
      Vertx vertx,
      GrpcClient grpc,
      Context context,
      GrpcClientRequest<Buffer, Buffer> request) {
    this.url = url;
    this.vertx = vertx;
    this.grpc = grpc;
    this.context = context;
    this.request = request;
    request.exceptionHandler(t -> failure = t);
    this.response = request.response();
    response.onComplete(
        ar -> {
          if (ar.failed()) {
            failure = ar.cause();
          } else if (ar.result().status() != null && ar.result().status() != GrpcStatus.OK) {
            failure = new IOException(describe(ar.result()));
          }
        });
  }

  /**
   * Connects to a proxy and opens the {@code WriteMessages} stream.
   *
   * @throws IOException if the proxy cannot be reached
   */
  public static LiveClient connect(ProxyUrl url) throws IOException {
    Vertx vertx = Rpc.vertx(1);
    try {
      GrpcClient client =
          GrpcClient.client(
              vertx,
              new GrpcClientOptions()
                  .setMaxMessageSize(Integer.MAX_VALUE)
                  .setScheduleDeadlineAutomatically(false),
              new HttpClientOptions()
                  .setProtocolVersion(HttpVersion.HTTP_2)
                  .setHttp2ClearTextUpgrade(false)
                  .setTcpNoDelay(true)
                  .setConnectTimeout((int) CONNECT_TIMEOUT_MILLIS));
      GrpcClientRequest<Buffer, Buffer> req =
          Rpc.await(
              client.request(
                  SocketAddress.inetSocketAddress(url.port(), url.host()), Rpc.WRITE_CLIENT),
              CONNECT_TIMEOUT_MILLIS,
              "cannot connect to " + url);
      Context ctx = vertx.getOrCreateContext();
      return new LiveClient(url, vertx, client, ctx, req);
    } catch (IOException | RuntimeException e) {
      vertx.close();
      throw e;
    }
  }

  /** Returns the proxy this client writes to. */
  public ProxyUrl url() {
    return url;
  }

  /** Returns the number of messages sent. */
  public long messageCount() {
    return messages;
  }

  @Override
  public void message(int kind, byte[] buf, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("client is closed");
    }
    check();
    byte[] wire = MessageInspector.encodeResponse(kind, buf, off, len);
    int permits = Math.min(wire.length, MAX_IN_FLIGHT_BYTES);
    acquire(permits);
    Buffer b = Buffer.buffer(wire);
    context.runOnContext(
        v ->
            request
                .write(b)
                .onComplete(
                    ar -> {
                      inFlight.release(permits);
                      if (ar.failed() && failure == null) {
                        failure = ar.cause();
                      }
                    }));
    messages++;
  }

  private void acquire(int permits) throws IOException {
    try {
      while (!inFlight.tryAcquire(permits, 100, TimeUnit.MILLISECONDS)) {
        check();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while sending to " + url);
    }
  }

  private void check() throws IOException {
    Throwable f = failure;
    if (f != null) {
      throw new IOException(
          "the proxy at " + url + " ended the stream: " + f.getMessage(),
          f instanceof IOException ? f.getCause() : f);
    }
  }

  /** Waits until every message has been handed to the network. */
  @Override
  public void flush() throws IOException {
    acquire(MAX_IN_FLIGHT_BYTES);
    inFlight.release(MAX_IN_FLIGHT_BYTES);
    check();
  }

  /**
   * Ends the stream and waits for the proxy's answer.
   *
   * @throws IOException if the proxy refused a message or the connection failed
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      check();
      context.runOnContext(v -> request.end());
      GrpcClientResponse<Buffer, Buffer> r =
          Rpc.await(response, CLOSE_TIMEOUT_MILLIS, "waiting for the proxy at " + url);
      Rpc.await(r.end(), CLOSE_TIMEOUT_MILLIS, "waiting for the proxy at " + url);
      if (r.status() != GrpcStatus.OK) {
        throw new IOException("the proxy at " + url + " answered " + describe(r));
      }
    } finally {
      grpc.close();
      Rpc.await(vertx.close(), 10_000, "stopping the client's threads");
    }
  }

  private static String describe(GrpcClientResponse<?, ?> r) {
    return r.status() + (r.statusMessage() == null ? "" : ": " + r.statusMessage());
  }
}
