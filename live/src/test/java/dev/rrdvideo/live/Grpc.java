package dev.rrdvideo.live;

import dev.rrdvideo.live.internal.proto.SdkComms;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Independent clients for the tests: grpc-java (the reference gRPC implementation, HTTP/2) and a
 * gRPC-Web client over HTTP/1.1 made of {@code java.net.http} and the framing in the spec. Requests
 * are built with the generated protobuf classes, not with the server's encoder.
 */
final class Grpc {
  private Grpc() {}

  static final MethodDescriptor.Marshaller<byte[]> RAW =
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

  static final String SERVICE = "rerun.sdk_comms.v1alpha1.MessageProxyService";

  static final MethodDescriptor<byte[], byte[]> READ =
      MethodDescriptor.<byte[], byte[]>newBuilder()
          .setType(MethodDescriptor.MethodType.SERVER_STREAMING)
          .setFullMethodName(SERVICE + "/ReadMessages")
          .setRequestMarshaller(RAW)
          .setResponseMarshaller(RAW)
          .build();

  static final MethodDescriptor<byte[], byte[]> WRITE =
      MethodDescriptor.<byte[], byte[]>newBuilder()
          .setType(MethodDescriptor.MethodType.CLIENT_STREAMING)
          .setFullMethodName(SERVICE + "/WriteMessages")
          .setRequestMarshaller(RAW)
          .setResponseMarshaller(RAW)
          .build();

  static ManagedChannel channel(int port) {
    return NettyChannelBuilder.forAddress("127.0.0.1", port)
        .usePlaintext()
        .maxInboundMessageSize(Integer.MAX_VALUE)
        .build();
  }

  /** A {@code WriteMessagesRequest} built with the generated classes. */
  static byte[] request(int kind, byte[] payload) {
    com.google.protobuf.ByteString p = com.google.protobuf.ByteString.copyFrom(payload);
    SdkComms.LogMsg.Builder m = SdkComms.LogMsg.newBuilder();
    switch (kind) {
      case 1 -> m.setSetStoreInfo(p);
      case 2 -> m.setArrowMsg(p);
      case 3 -> m.setBlueprintActivationCommand(p);
      default -> throw new IllegalArgumentException("kind " + kind);
    }
    return SdkComms.WriteMessagesRequest.newBuilder().setLogMsg(m).build().toByteArray();
  }

  /** A ReadMessages stream read by grpc-java; {@code manual} reads only what {@link #request}s. */
  static final class Reader extends ClientCall.Listener<byte[]> {
    final List<byte[]> messages = new CopyOnWriteArrayList<>();
    final CompletableFuture<Status> closed = new CompletableFuture<>();
    final ClientCall<byte[], byte[]> call;
    final boolean manual;

    Reader(ManagedChannel ch, boolean manual) {
      this.manual = manual;
      call = ch.newCall(READ, CallOptions.DEFAULT);
      call.start(this, new Metadata());
      call.sendMessage(SdkComms.ReadMessagesRequest.getDefaultInstance().toByteArray());
      call.halfClose();
      call.request(manual ? 1 : Integer.MAX_VALUE);
    }

    @Override
    public void onMessage(byte[] message) {
      messages.add(message);
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
      closed.complete(status);
    }

    boolean await(int count, long millis) throws InterruptedException {
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
      while (messages.size() < count && System.nanoTime() < end && !closed.isDone()) {
        Thread.sleep(5);
      }
      return messages.size() >= count;
    }
  }

  /** Sends requests with one WriteMessages call and returns the final status. */
  static Status write(ManagedChannel ch, List<byte[]> requests) throws Exception {
    CompletableFuture<Status> done = new CompletableFuture<>();
    ClientCall<byte[], byte[]> call = ch.newCall(WRITE, CallOptions.DEFAULT);
    call.start(
        new ClientCall.Listener<>() {
          @Override
          public void onClose(Status status, Metadata trailers) {
            done.complete(status);
          }
        },
        new Metadata());
    call.request(1);
    for (byte[] r : requests) {
      while (!call.isReady() && !done.isDone()) {
        Thread.sleep(1);
      }
      if (done.isDone()) {
        break;
      }
      call.sendMessage(r);
    }
    call.halfClose();
    return done.get(30, TimeUnit.SECONDS);
  }

  /** A gRPC-Web ReadMessages call over HTTP/1.1, as the web viewer makes it. */
  static final class WebReader {
    final List<byte[]> messages = new CopyOnWriteArrayList<>();
    final HttpResponse<InputStream> response;
    final Thread thread;
    volatile String trailer;

    WebReader(int port, String origin) throws Exception {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpRequest.Builder b =
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + port + "/" + SERVICE + "/ReadMessages"))
              .timeout(Duration.ofSeconds(60))
              .header("content-type", "application/grpc-web+proto")
              .header("x-grpc-web", "1")
              .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[5]));
      if (origin != null) {
        b.header("origin", origin);
      }
      response = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      thread = new Thread(this::pump, "grpc-web-reader");
      thread.setDaemon(true);
      if (response.statusCode() == 200) {
        thread.start();
      }
    }

    private void pump() {
      try (InputStream in = response.body()) {
        byte[] head = new byte[5];
        while (in.readNBytes(head, 0, 5) == 5) {
          int len = ByteBuffer.wrap(head, 1, 4).getInt();
          byte[] body = in.readNBytes(len);
          if ((head[0] & 0x80) != 0) {
            trailer = new String(body, java.nio.charset.StandardCharsets.US_ASCII);
            return;
          }
          messages.add(body);
        }
      } catch (IOException e) {
        // closed by the test
      }
    }

    boolean await(int count, long millis) throws InterruptedException {
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
      while (messages.size() < count && System.nanoTime() < end) {
        Thread.sleep(5);
      }
      return messages.size() >= count;
    }

    void close() throws IOException {
      response.body().close();
    }
  }
}
