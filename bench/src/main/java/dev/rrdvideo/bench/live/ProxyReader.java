package dev.rrdvideo.bench.live;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A viewer: a {@code ReadMessages} call made with grpc-java (HTTP/2 over loopback, its own
 * connection), as a native viewer or SDK reader would. Counts messages and bytes, optionally notes
 * the arrival time of each message and keeps the first few.
 */
final class ProxyReader extends ClientCall.Listener<byte[]> implements AutoCloseable {
  private static final MethodDescriptor.Marshaller<byte[]> RAW =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  private static final MethodDescriptor<byte[], byte[]> READ =
      MethodDescriptor.<byte[], byte[]>newBuilder()
          .setType(MethodDescriptor.MethodType.SERVER_STREAMING)
          .setFullMethodName("rerun.sdk_comms.v1alpha1.MessageProxyService/ReadMessages")
          .setRequestMarshaller(RAW)
          .setResponseMarshaller(RAW)
          .build();

  private final ManagedChannel channel;
  private final ClientCall<byte[], byte[]> call;
  private final long[] arrivals;
  private final int keep;
  private final List<byte[]> kept = new ArrayList<>();
  private final long expected;
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile long messages;
  private volatile long bytes;
  private volatile long lastArrivalNanos;
  private volatile Status status;

  /**
   * @param expected messages after which {@link #await} returns
   * @param arrivals where to note {@code System.nanoTime()} of message i, or null
   * @param keep how many of the first messages to keep
   */
  ProxyReader(int port, long expected, long[] arrivals, int keep) {
    this.expected = expected;
    this.arrivals = arrivals;
    this.keep = keep;
    channel =
        NettyChannelBuilder.forAddress("127.0.0.1", port)
            .usePlaintext()
            .maxInboundMessageSize(Integer.MAX_VALUE)
            .build();
    call = channel.newCall(READ, CallOptions.DEFAULT);
    call.start(this, new Metadata());
    call.sendMessage(new byte[0]); // an empty ReadMessagesRequest
    call.halfClose();
    call.request(Integer.MAX_VALUE);
  }

  @Override
  public void onMessage(byte[] message) {
    long now = System.nanoTime();
    long n = messages;
    if (arrivals != null && n < arrivals.length) {
      arrivals[(int) n] = now;
    }
    if (n < keep) {
      kept.add(message);
    }
    bytes += message.length;
    lastArrivalNanos = now;
    messages = n + 1;
    if (n + 1 == expected) {
      done.countDown();
    }
  }

  @Override
  public void onClose(Status s, Metadata trailers) {
    status = s;
    done.countDown();
  }

  /** Waits until the expected messages arrived (or the call ended); returns whether they did. */
  boolean await(long timeoutMillis) throws InterruptedException {
    done.await(timeoutMillis, TimeUnit.MILLISECONDS);
    return messages >= expected;
  }

  long messages() {
    return messages;
  }

  long bytes() {
    return bytes;
  }

  long lastArrivalNanos() {
    return lastArrivalNanos;
  }

  /** The first messages ({@code ReadMessagesResponse} bytes), once they arrived. */
  List<byte[]> kept() {
    return kept;
  }

  Status status() {
    return status;
  }

  @Override
  public void close() throws InterruptedException {
    call.cancel("done", null);
    channel.shutdownNow();
    channel.awaitTermination(5, TimeUnit.SECONDS);
  }
}
