package dev.rrdvideo.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.format.ChunkMessage;
import dev.rrdvideo.format.RrdMessage;
import dev.rrdvideo.format.RrdMessageDecoder;
import dev.rrdvideo.format.RrdReadOptions;
import dev.rrdvideo.format.RrdWriteOptions;
import dev.rrdvideo.format.RrdWriter;
import dev.rrdvideo.format.StoreId;
import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.testing.Recordings;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.VideoStreamChunk;
import dev.rrdvideo.format.video.io.VideoStreamWriter;
import dev.rrdvideo.live.Samples.Msg;
import dev.rrdvideo.live.internal.proto.SdkComms;
import dev.rrdvideo.testdata.RerunFacts;
import dev.rrdvideo.testdata.RerunFacts.SourceSample;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server against independent clients: grpc-java over HTTP/2 and a plain HTTP/1.1 gRPC-Web
 * client, on real H.264 from a Rerun-written recording.
 */
class LiveServerTest {
  private final List<AutoCloseable> open = new ArrayList<>();
  private final List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private LiveServer server(LiveServerOptions.Builder b) throws Exception {
    LiveServer s = LiveServer.start(b.port(0).log(log::add).build());
    open.add(s);
    return s;
  }

  private ManagedChannel channel(LiveServer s) {
    ManagedChannel ch = Grpc.channel(s.port());
    open.add(() -> ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
    return ch;
  }

  private static List<byte[]> requests(List<Msg> msgs) {
    List<byte[]> out = new ArrayList<>();
    for (Msg m : msgs) {
      out.add(Grpc.request(m.kind(), m.bytes()));
    }
    return out;
  }

  /** Rerun's replay order, computed from the message contents: persistent, static, the rest. */
  private static List<byte[]> replayOrder(List<Msg> msgs) throws Exception {
    List<byte[]> persistent = new ArrayList<>();
    List<byte[]> statics = new ArrayList<>();
    List<byte[]> rest = new ArrayList<>();
    RrdMessageDecoder d = new RrdMessageDecoder(RrdReadOptions.defaults());
    for (Msg m : msgs) {
      RrdMessage r = d.decode(m.kind(), m.bytes(), 0);
      byte[] req = Grpc.request(m.kind(), m.bytes());
      if (!(r instanceof ChunkMessage a)) {
        persistent.add(req);
      } else if (Boolean.TRUE.equals(a.isStaticField())) {
        statics.add(req);
      } else {
        rest.add(req);
      }
    }
    List<byte[]> all = new ArrayList<>(persistent);
    all.addAll(statics);
    all.addAll(rest);
    return all;
  }

  private static void assertSameBytes(List<byte[]> got, List<byte[]> want) {
    assertThat(got).hasSameSizeAs(want);
    for (int i = 0; i < want.size(); i++) {
      assertThat(got.get(i)).as("message %d", i).isEqualTo(want.get(i));
    }
  }

  private static void awaitViewers(LiveServer s, int n) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (s.stats().viewers() != n && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    assertThat(s.stats().viewers()).isEqualTo(n);
  }

  @Test
  void messagesReadBackByteIdenticalOverHttp2AndGrpcWeb() throws Exception {
    LiveServer s = server(LiveServerOptions.builder());
    List<Msg> msgs = Samples.h264Messages(2);
    List<byte[]> requests = requests(msgs);
    ManagedChannel ch = channel(s);
    Grpc.Reader early = new Grpc.Reader(ch, false); // connected before: live order
    awaitViewers(s, 1);

    assertThat(Grpc.write(ch, requests).getCode()).isEqualTo(Status.Code.OK);

    assertThat(early.await(requests.size(), 20_000)).isTrue();
    assertSameBytes(early.messages, requests);
    Grpc.Reader late = new Grpc.Reader(ch, false);
    assertThat(late.await(requests.size(), 20_000)).isTrue();
    assertSameBytes(late.messages, replayOrder(msgs));
    Grpc.WebReader web = new Grpc.WebReader(s.port(), "http://localhost:9090");
    assertThat(web.response.statusCode()).isEqualTo(200);
    assertThat(web.response.headers().firstValue("content-type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/grpc-web"));
    assertThat(web.response.headers().firstValue("access-control-allow-origin"))
        .hasValue("http://localhost:9090");
    assertThat(web.await(requests.size(), 20_000)).isTrue();
    assertSameBytes(web.messages, replayOrder(msgs));
    assertThat(web.trailer).isNull(); // the stream stays open for live messages
    web.close();
  }

  @Test
  void replayIsPersistentThenStaticThenTheRestWhileLiveReadersGetArrivalOrder() throws Exception {
    LiveServer s = server(LiveServerOptions.builder());
    Samples.Capture c = new Samples.Capture();
    Samples.writeH264(c, 1, false);
    RrdWriter w = RrdWriter.open(c, RrdWriteOptions.defaults()); // a second recording, later
    StoreId other = w.beginRecording("live_test_other", null);
    VideoStreamWriter v =
        VideoStreamWriter.builder(w, other, EntityPath.parse("/other"))
            .codec(VideoCodec.H264)
            .timeline("time", TimeType.DURATION)
            .build();
    SourceSample first = RerunFacts.sourceSamples("stream_h264", "h264").get(0);
    v.addSample(0, first.bytes(), 0, first.bytes().length, true);
    v.flush();
    List<Msg> msgs = c.messages;
    // the arrival order interleaves: info, static, samples, info, static, sample
    assertThat(msgs.get(msgs.size() - 3).kind()).isEqualTo(1);

    ManagedChannel ch = channel(s);
    Grpc.Reader live = new Grpc.Reader(ch, false);
    awaitViewers(s, 1);
    assertThat(Grpc.write(ch, requests(msgs)).getCode()).isEqualTo(Status.Code.OK);
    assertThat(live.await(msgs.size(), 20_000)).isTrue();
    assertSameBytes(live.messages, requests(msgs));

    List<byte[]> want = replayOrder(msgs);
    assertThat(want.get(1)).isEqualTo(requests(msgs).get(msgs.size() - 3)); // second store info
    Grpc.Reader late = new Grpc.Reader(ch, false);
    assertThat(late.await(msgs.size(), 20_000)).isTrue();
    assertSameBytes(late.messages, want);
  }

  /** Decodes a ReadMessagesResponse with the generated classes and the format module. */
  private static RrdMessage decodeResponse(byte[] response) throws Exception {
    SdkComms.LogMsg m = SdkComms.ReadMessagesResponse.parseFrom(response).getLogMsg();
    int kind = m.getMsgCase().getNumber();
    byte[] payload =
        switch (kind) {
          case 1 -> m.getSetStoreInfo().toByteArray();
          case 2 -> m.getArrowMsg().toByteArray();
          default -> m.getBlueprintActivationCommand().toByteArray();
        };
    return new RrdMessageDecoder(RrdReadOptions.defaults()).decode(kind, payload, 0);
  }

  @Test
  void lateViewerAfterGarbageCollectionStartsWithStoreInfoCodecAndAKeyframe() throws Exception {
    LiveServer s = server(LiveServerOptions.builder().historyLimitBytes(100_000));
    List<SourceSample> samples = RerunFacts.sourceSamples("stream_h264", "h264");
    long period = samples.get(samples.size() - 1).timeNanos() + 66_666_667L;
    List<Long> writtenTimes = new ArrayList<>();
    List<Boolean> writtenKeys = new ArrayList<>();
    int loops = 12; // about 330 KB of video: most of it must go
    for (int l = 0; l < loops; l++) {
      for (SourceSample x : samples) {
        writtenTimes.add(l * period + x.timeNanos());
        writtenKeys.add(x.key());
      }
    }
    try (var sink = s.sink()) {
      Samples.writeH264(sink, loops, false);
    }
    LiveServer.Stats st = s.stats();
    assertThat(st.droppedMessages()).isGreaterThan(100);
    assertThat(st.historyBytes()).isLessThanOrEqualTo(100_000);
    assertThat(log).anyMatch(l -> l.contains("history limit"));

    Grpc.Reader late = new Grpc.Reader(channel(s), false);
    assertThat(late.await((int) st.historyMessages(), 20_000)).isTrue();
    Thread.sleep(200);
    assertThat(late.messages).hasSize((int) st.historyMessages());
    assertThat(decodeResponse(late.messages.get(0)))
        .isInstanceOf(dev.rrdvideo.format.StoreInfo.class);
    List<Long> times = new ArrayList<>();
    boolean sawCodec = false;
    for (int i = 1; i < late.messages.size(); i++) {
      ChunkMessage a = (ChunkMessage) decodeResponse(late.messages.get(i));
      try (Chunk c = a.decode()) {
        VideoStreamChunk v = VideoStreamChunk.of(c);
        if (v.hasCodec()) {
          assertThat(i).as("the codec chunk comes right after the store info").isEqualTo(1);
          assertThat(v.codec()).isEqualTo(VideoCodec.H264);
          sawCodec = true;
        } else {
          for (int r = 0; r < c.rowCount(); r++) {
            times.add(c.timeColumn("time").value(r));
          }
        }
      }
    }
    assertThat(sawCodec).isTrue();
    assertThat(times).isNotEmpty().hasSizeLessThan(writtenTimes.size());
    int start = writtenTimes.indexOf(times.get(0));
    assertThat(writtenKeys.get(start)).as("first sample a late viewer gets is a keyframe").isTrue();
    // what is left is the newest part of the stream without holes: whole GOPs were dropped
    assertThat(times).isEqualTo(writtenTimes.subList(start, writtenTimes.size()));
  }

  @Test
  void corsPreflightAnswersAllowedOriginsAndRefusesOthers() throws Exception {
    LiveServer s =
        server(LiveServerOptions.builder().corsOrigins(List.of("https://*.example.com")));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI uri = URI.create("http://127.0.0.1:" + s.port() + "/" + Grpc.SERVICE + "/ReadMessages");
    for (String origin :
        List.of(
            "http://localhost:9090",
            "http://127.0.0.1",
            "https://rerun.io",
            "https://viewer.example.com")) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(uri)
                  .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                  .header("origin", origin)
                  .header("access-control-request-method", "POST")
                  .header("access-control-request-headers", "content-type,x-grpc-web")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(origin).isBetween(200, 204);
      assertThat(r.headers().firstValue("access-control-allow-origin")).hasValue(origin);
      assertThat(r.headers().firstValue("access-control-allow-headers"))
          .hasValueSatisfying(h -> assertThat(h).contains("x-grpc-web").contains("content-type"));
    }
    for (String origin :
        List.of("https://evil.example", "http://localhost.evil.example", "https://example.com")) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(uri)
                  .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                  .header("origin", origin)
                  .header("access-control-request-method", "POST")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(origin).isEqualTo(403);
      assertThat(r.headers().firstValue("access-control-allow-origin")).isEmpty();
      Grpc.WebReader web = new Grpc.WebReader(s.port(), origin);
      assertThat(web.response.statusCode()).isEqualTo(403);
    }
    assertThat(s.stats().viewers()).isZero();
  }

  @Test
  void viewersThatDisconnectMidStreamAreReleased() throws Exception {
    LiveServer s = server(LiveServerOptions.builder());
    try (var sink = s.sink()) {
      Samples.writeH264(sink, 1, false);
    }
    ManagedChannel ch = channel(s);
    Grpc.Reader a = new Grpc.Reader(ch, false);
    Grpc.Reader b = new Grpc.Reader(ch, false);
    Grpc.WebReader web = new Grpc.WebReader(s.port(), null);
    awaitViewers(s, 3);
    assertThat(a.await(32, 10_000)).isTrue();
    a.call.cancel("test", null); // HTTP/2 stream reset
    awaitViewers(s, 2);
    web.close(); // HTTP/1.1 connection closed
    awaitViewers(s, 1);
    try (var sink = s.sink()) { // the remaining viewer still gets new messages
      Samples.writeH264(sink, 1, false);
    }
    assertThat(b.await(64, 10_000)).isTrue();
    ch.shutdownNow(); // the whole connection goes
    awaitViewers(s, 0);
    assertThat(log).anyMatch(l -> l.contains("disconnected"));
  }

  @Test
  void fiftyReadersGetEverythingWhileAStalledReaderIsDroppedAtItsBound() throws Exception {
    long lagLimit = 2 << 20;
    LiveServer s = server(LiveServerOptions.builder().readerLagLimitBytes(lagLimit));
    List<ManagedChannel> channels = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      channels.add(channel(s));
    }
    List<Grpc.Reader> readers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      readers.add(new Grpc.Reader(channels.get(i % 5), false));
    }
    Grpc.Reader stalled = new Grpc.Reader(channel(s), true); // takes one message, then nothing
    awaitViewers(s, 51);

    Samples.Capture c = new Samples.Capture();
    Samples.writeH264(c, 66, true); // about 2000 messages, 4 MB with their envelopes
    List<byte[]> want = requests(c.messages);
    // produced at 150 messages (about 0.3 MB) per second, a video stream's pace; the producer
    // never waits for readers, so its pace holds whatever the stalled reader does
    long t0 = System.nanoTime();
    long lateMillis = 0;
    try (var sink = s.sink()) {
      for (int i = 0; i < c.messages.size(); i++) {
        Msg m = c.messages.get(i);
        sink.message(m.kind(), m.bytes(), 0, m.bytes().length);
        long due = t0 + i * 6_666_667L;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        } else {
          lateMillis = Math.max(lateMillis, -wait / 1_000_000);
        }
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (Grpc.Reader r : readers) {
      r.await(want.size(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
    }
    List<Integer> counts = new ArrayList<>();
    for (Grpc.Reader r : readers) {
      counts.add(r.messages.size());
    }
    assertThat(counts)
        .as("messages per reader, %d wanted; log %s", want.size(), log)
        .allMatch(n -> n == want.size());
    for (Grpc.Reader r : readers) {
      assertSameBytes(r.messages, want);
    }
    awaitViewers(s, 50);
    assertThat(log).filteredOn(l -> l.contains("behind")).hasSize(1);
    stalled.call.request(Integer.MAX_VALUE); // the client reads again: it sees the end of its call
    assertThat(stalled.closed.get(20, TimeUnit.SECONDS).getCode()).isNotEqualTo(Status.Code.OK);
    assertThat(stalled.messages.size()).isLessThan(want.size());
    assertThat(lateMillis).as("producer fell behind its pace by").isLessThan(2_000);
  }

  @Test
  void ourClientPushingToOurServerEqualsTheFileWrittenDirectly() throws Exception {
    LiveServer s = server(LiveServerOptions.builder());
    Grpc.Reader reader = new Grpc.Reader(channel(s), false);
    awaitViewers(s, 1);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    LiveClient client = LiveClient.connect(ProxyUrl.parse(s.url()));
    assertThat(client.url().port()).isEqualTo(s.port());
    List<SourceSample> samples = RerunFacts.sourceSamples("stream_h264", "h264");
    try (RrdWriter w = RrdWriter.open(file, RrdWriteOptions.defaults(), client)) {
      StoreId store = w.beginRecording("live_test", null);
      VideoStreamWriter v =
          VideoStreamWriter.builder(w, store, EntityPath.parse("/camera"))
              .codec(VideoCodec.H264)
              .timeline("time", TimeType.DURATION)
              .build();
      for (SourceSample x : samples) {
        v.addSample(x.timeNanos(), x.bytes(), 0, x.bytes().length, x.key());
        v.flush();
      }
      v.finish();
    }
    // the file's framed payloads, walked by hand
    List<byte[]> want = new ArrayList<>();
    for (Recordings.Message m : Recordings.framedPayloads(file.toByteArray())) {
      want.add(Grpc.request(m.kind(), m.payload()));
    }
    assertThat(want).hasSize(samples.size() + 3);
    assertThat(reader.await(want.size(), 20_000)).isTrue();
    assertSameBytes(reader.messages, want);
    assertThat(log).anyMatch(l -> l.contains("finished after " + want.size() + " messages"));
  }

  @Test
  void aRecorderGetsWhatClientsPushAndItsFileEqualsTheFileWrittenDirectly() throws Exception {
    ByteArrayOutputStream recorded = new ByteArrayOutputStream();
    RrdWriter recorder = RrdWriter.open(recorded, RrdWriteOptions.defaults());
    LiveServer s =
        server(
            LiveServerOptions.builder()
                .recorder(
                    m -> {
                      if (m instanceof dev.rrdvideo.format.StoreInfo i) {
                        recorder.writeStoreInfo(i);
                      } else {
                        recorder.writeArrowMessage((ChunkMessage) m);
                      }
                    }));
    ByteArrayOutputStream direct = new ByteArrayOutputStream();
    List<SourceSample> samples = RerunFacts.sourceSamples("stream_av1", "obu");
    try (LiveClient client = LiveClient.connect(ProxyUrl.parse(s.url()));
        RrdWriter w = RrdWriter.open(direct, RrdWriteOptions.defaults(), client)) {
      StoreId store = w.beginRecording("live_test", null);
      VideoStreamWriter v =
          VideoStreamWriter.builder(w, store, EntityPath.parse("/camera"))
              .codec(VideoCodec.AV1)
              .timeline("time", TimeType.DURATION)
              .build();
      for (SourceSample x : samples) {
        v.addSample(x.timeNanos(), x.bytes(), 0, x.bytes().length, x.key());
        v.flush();
      }
      v.finish();
    }
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (s.stats().messages() < samples.size() + 3 && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    recorder.close();
    assertThat(s.stats().messages()).isEqualTo(samples.size() + 3);
    // same messages, same chunks and samples, same footer index: the same bytes
    assertThat(recorded.toByteArray()).isEqualTo(direct.toByteArray());
  }

  @Test
  void badInputGetsAStatusAndALogLineAndHarmsNoOne() throws Exception {
    LiveServer s = server(LiveServerOptions.builder().maxMessageBytes(64 << 10));
    ManagedChannel ch = channel(s);
    Grpc.Reader bystander = new Grpc.Reader(ch, false);
    awaitViewers(s, 1);
    byte[] garbage = new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x12, 0x34};
    assertThat(Grpc.write(ch, List.of(garbage)).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    byte[] noLogMsg = SdkComms.WriteMessagesRequest.getDefaultInstance().toByteArray();
    assertThat(Grpc.write(ch, List.of(noLogMsg)).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    byte[] emptyOneof =
        SdkComms.WriteMessagesRequest.newBuilder()
            .setLogMsg(SdkComms.LogMsg.getDefaultInstance())
            .build()
            .toByteArray();
    assertThat(Grpc.write(ch, List.of(emptyOneof)).getCode())
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    byte[] badArrow = Grpc.request(2, new byte[] {0x0a, 0x7f, 0x01});
    Status st = Grpc.write(ch, List.of(badArrow));
    assertThat(st.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(st.getDescription()).contains("ARROW_MSG");
    byte[] huge = Grpc.request(2, new byte[100_000]);
    assertThat(Grpc.write(ch, List.of(huge)).getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(log).filteredOn(l -> l.contains("refused")).hasSizeGreaterThanOrEqualTo(5);
    // an unserved method of the same service
    io.grpc.MethodDescriptor<byte[], byte[]> table =
        Grpc.WRITE.toBuilder()
            .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(Grpc.SERVICE + "/WriteTable")
            .build();
    io.grpc.StatusRuntimeException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            io.grpc.StatusRuntimeException.class,
            () ->
                io.grpc.stub.ClientCalls.blockingUnaryCall(
                    ch, table, io.grpc.CallOptions.DEFAULT, new byte[0]));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);

    // nothing of that reached the viewer, which is still served
    assertThat(bystander.messages).isEmpty();
    List<Msg> good = Samples.h264Messages(1);
    assertThat(Grpc.write(ch, requests(good)).getCode()).isEqualTo(Status.Code.OK);
    assertThat(bystander.await(good.size(), 20_000)).isTrue();
    assertSameBytes(bystander.messages, requests(good));
  }
}
