package dev.rrdvideo.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.error.LimitExceededException;
import dev.rrdvideo.format.error.RrdFormatException;
import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.format.testing.Recordings;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.VideoStream;
import dev.rrdvideo.format.video.io.VideoStreamWriter;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link RrdMessageSink}: the messages a sink receives are exactly the payloads the same writer
 * frames in the file; {@link RrdMessageDecoder} reads them back like {@link RrdReader} does.
 */
class RrdMessageSinkTest {
  record Msg(int kind, byte[] bytes) {}

  static final class Capture implements RrdMessageSink {
    final List<Msg> messages = new ArrayList<>();
    int flushes;
    int closes;

    @Override
    public void message(int kind, byte[] buf, int off, int len) {
      messages.add(new Msg(kind, Arrays.copyOfRange(buf, off, off + len)));
    }

    @Override
    public void flush() {
      flushes++;
    }

    @Override
    public void close() {
      closes++;
    }
  }

  /** Walks the file framing by hand (12-byte stream header, 16-byte message headers). */
  static List<Msg> framedPayloads(byte[] rrd) {
    return Recordings.framedPayloads(rrd).stream()
        .map(m -> new Msg(m.kind(), m.payload()))
        .toList();
  }

  private static void copyInto(RrdWriter w, byte[] rrd) throws IOException {
    try (RrdReader r = RrdReader.open(new ByteArrayInputStream(rrd))) {
      for (RrdMessage m = r.next(); m != null; m = r.next()) {
        if (m instanceof StoreInfo s) {
          w.writeStoreInfo(s);
        } else if (m instanceof ChunkMessage a) {
          w.writeArrowMessage(a);
        }
      }
    }
  }

  @Test
  void teeGetsTheFramedPayloadsAndSinkOnlyWriterTheSame() throws IOException {
    byte[] source = TestData.bytes("rerun/stream_h264.rrd");
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    Capture tee = new Capture();
    try (RrdWriter w = RrdWriter.open(file, RrdWriteOptions.defaults(), tee)) {
      copyInto(w, source);
    }
    List<Msg> framed = framedPayloads(file.toByteArray());
    assertThat(framed).hasSizeGreaterThan(3);
    assertThat(tee.messages).hasSameSizeAs(framed);
    for (int i = 0; i < framed.size(); i++) {
      assertThat(tee.messages.get(i).kind()).isEqualTo(framed.get(i).kind());
      assertThat(tee.messages.get(i).bytes()).isEqualTo(framed.get(i).bytes());
    }
    assertThat(tee.flushes).isEqualTo(1);
    assertThat(tee.closes).isEqualTo(1);

    Capture only = new Capture();
    try (RrdWriter w = RrdWriter.open(only, RrdWriteOptions.defaults())) {
      copyInto(w, source);
      assertThat(w.position()).isZero();
    }
    assertThat(only.messages).hasSameSizeAs(framed);
    for (int i = 0; i < framed.size(); i++) {
      assertThat(only.messages.get(i).bytes()).isEqualTo(framed.get(i).bytes());
    }
    assertThat(only.closes).isEqualTo(1);
  }

  @Test
  void decoderReadsSinkMessagesLikeTheReader() throws IOException {
    byte[] source = TestData.bytes("rerun/stream_av1.rrd");
    Capture c = new Capture();
    try (RrdWriter w = RrdWriter.open(c, RrdWriteOptions.defaults())) {
      copyInto(w, source);
    }
    List<RrdMessage> expected = new ArrayList<>();
    try (RrdReader r = RrdReader.open(new ByteArrayInputStream(source))) {
      for (RrdMessage m = r.next(); m != null; m = r.next()) {
        if (!(m instanceof StreamEnd)) {
          expected.add(m);
        }
      }
    }
    RrdMessageDecoder d = new RrdMessageDecoder(RrdReadOptions.defaults());
    assertThat(c.messages).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      RrdMessage got = d.decode(c.messages.get(i).kind(), c.messages.get(i).bytes(), 1000);
      RrdMessage want = expected.get(i);
      assertThat(got.getClass()).isEqualTo(want.getClass());
      if (got instanceof ChunkMessage a) {
        ChunkMessage e = (ChunkMessage) want;
        assertThat(a.storeId()).isEqualTo(e.storeId());
        try (Chunk x = a.decode();
            Chunk y = e.decode()) {
          assertThat(x.id()).isEqualTo(y.id());
          assertThat(x.rowCount()).isEqualTo(y.rowCount());
          assertThat(x.entityPath()).isEqualTo(y.entityPath());
        }
      } else if (got instanceof StoreInfo s) {
        assertThat(s.storeId()).isEqualTo(((StoreInfo) want).storeId());
      }
    }
  }

  @Test
  void decoderRefusesBadBytesWithTypedErrorsAndOffsets() {
    RrdMessageDecoder d = new RrdMessageDecoder(RrdReadOptions.defaults());
    assertThatThrownBy(() -> d.decode(7, new byte[] {8, 1}, 500))
        .isInstanceOf(RrdFormatException.class)
        .hasMessageContaining("expected 1..3, found 7");
    assertThatThrownBy(() -> d.decode(2, new byte[] {0x0a, (byte) 0xff, 1}, 500))
        .isInstanceOf(RrdFormatException.class)
        .satisfies(e -> assertThat(((RrdVideoException) e).offset()).isEqualTo(500));
    RrdMessageDecoder small =
        new RrdMessageDecoder(RrdReadOptions.defaults().toBuilder().maxMessageBytes(4).build());
    assertThatThrownBy(() -> small.decode(1, new byte[5], 0))
        .isInstanceOf(LimitExceededException.class);
  }

  @Test
  void videoStreamFlushWritesOneChunkPerSample() throws IOException {
    Capture c = new Capture();
    try (RrdWriter w = RrdWriter.open(c, RrdWriteOptions.defaults())) {
      StoreId store = w.beginRecording("live_test", null);
      VideoStreamWriter v =
          VideoStreamWriter.builder(w, store, EntityPath.parse("/v"))
              .codec(VideoCodec.H264)
              .timeline("time", TimeType.DURATION)
              .build();
      int before = c.messages.size();
      for (int i = 0; i < 3; i++) {
        v.addSample(i * 1000L, new byte[] {0, 0, 0, 1, (byte) i}, 0, 5, i == 0);
        v.flush();
        assertThat(c.messages).hasSize(before + i + 1);
      }
      v.flush(); // nothing pending: no message
      assertThat(c.messages).hasSize(before + 3);
      v.finish();
    }
    RrdMessageDecoder d = new RrdMessageDecoder(RrdReadOptions.defaults());
    int sampleChunks = 0;
    for (Msg m : c.messages) {
      if (d.decode(m.kind(), m.bytes(), 0) instanceof ChunkMessage a) {
        try (Chunk ch = a.decode()) {
          if (ch.component(VideoStream.SAMPLE.component()) != null) {
            assertThat(ch.rowCount()).isEqualTo(1);
            sampleChunks++;
          }
        }
      }
    }
    assertThat(sampleChunks).isEqualTo(3);
  }
}
