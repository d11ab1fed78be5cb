package dev.rrdvideo.live.internal;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The service's methods (raw bytes both ways: messages are encoded once) and Vert.x set-up. */
public final class Rpc {
  private Rpc() {}

  /** {@code rerun.sdk_comms.v1alpha1.MessageProxyService}. */
  public static final ServiceName SERVICE =
      ServiceName.create("rerun.sdk_comms.v1alpha1.MessageProxyService");

  /** Server side of {@code ReadMessages}. */
  public static final ServiceMethod<Buffer, Buffer> READ_SERVER =
      ServiceMethod.server(
          SERVICE, "ReadMessages", GrpcMessageEncoder.IDENTITY, GrpcMessageDecoder.IDENTITY);

  /** Server side of {@code WriteMessages}. */
  public static final ServiceMethod<Buffer, Buffer> WRITE_SERVER =
      ServiceMethod.server(
          SERVICE, "WriteMessages", GrpcMessageEncoder.IDENTITY, GrpcMessageDecoder.IDENTITY);

  /** Client side of {@code WriteMessages}. */
  public static final ServiceMethod<Buffer, Buffer> WRITE_CLIENT =
      ServiceMethod.client(
          SERVICE, "WriteMessages", GrpcMessageEncoder.IDENTITY, GrpcMessageDecoder.IDENTITY);

  /**
   * A Vert.x instance with few threads that writes nothing to disk (no file cache directory) and
   * does not warn about briefly blocked event loops.
   */
  public static Vertx vertx(int eventLoops) {
    return Vertx.vertx(
        new VertxOptions()
            .setEventLoopPoolSize(eventLoops)
            .setWorkerPoolSize(1)
            .setInternalBlockingPoolSize(1)
            .setBlockedThreadCheckInterval(1L << 40)
            .setFileSystemOptions(
                new FileSystemOptions()
                    .setFileCachingEnabled(false)
                    .setClassPathResolvingEnabled(false)));
  }

  /** Waits for a future from a non-Vert.x thread. */
  public static <T> T await(Future<T> f, long timeoutMillis, String what) throws IOException {
    try {
      return f.toCompletionStage().toCompletableFuture().get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException(what + ": interrupted");
    } catch (TimeoutException e) {
      throw new IOException(what + ": no answer within " + timeoutMillis + " ms", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      throw new IOException(what + ": " + c.getMessage(), c);
    }
  }
}
