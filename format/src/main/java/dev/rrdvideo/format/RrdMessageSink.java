package dev.rrdvideo.format;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Receives the messages of a recording as an {@link RrdWriter} produces them, without the file
 * framing: each message is the bare protobuf encoding of a {@code SetStoreInfo}, {@code ArrowMsg}
 * or {@code BlueprintActivationCommand} (rrd-container.md section 7), exactly the bytes a file
 * frames with a message header, and exactly the bytes Rerun's gRPC message proxy carries in the
 * {@code LogMsg} oneof field of the same number. Live transports (the {@code live} module) plug in
 * here; {@link #tee} sends one recording to several sinks.
 *
 * <pre>{@code
 * try (RrdWriter w = RrdWriter.open(fileStream, options, liveServer.sink())) { ... }
 * }</pre>
 *
 * <p>A writer calls a sink from the writer's own thread, one message at a time, in order.
 */
public interface RrdMessageSink extends Closeable {
  /** Message kind of a {@code SetStoreInfo} (file kind 1, {@code LogMsg.set_store_info}). */
  int SET_STORE_INFO = 1;

  /** Message kind of an {@code ArrowMsg} (file kind 2, {@code LogMsg.arrow_msg}). */
  int ARROW_MSG = 2;

  /**
   * Message kind of a {@code BlueprintActivationCommand} (file kind 3, {@code
   * LogMsg.blueprint_activation_command}).
   */
  int BLUEPRINT_ACTIVATION = 3;

  /**
   * Takes one message: {@code buf[off..off+len)} is its protobuf encoding. The bytes are valid only
   * during the call (the writer reuses the array); a sink that keeps them copies them.
   *
   * @param kind {@link #SET_STORE_INFO}, {@link #ARROW_MSG} or {@link #BLUEPRINT_ACTIVATION}
   */
  void message(int kind, byte[] buf, int off, int len) throws IOException;

  /** Pushes buffered messages on; called by {@link RrdWriter#finish()}. Does nothing by default. */
  default void flush() throws IOException {}

  /**
   * Ends this sink's part; called by {@link RrdWriter#close()} after {@link #flush()}. Does nothing
   * by default.
   */
  @Override
  default void close() throws IOException {}

  /**
   * Returns a sink that hands every message to each of {@code sinks} in turn, flushes and closes
   * them all (closing every one even when one fails; the first failure is thrown).
   */
  static RrdMessageSink tee(RrdMessageSink... sinks) {
    List<RrdMessageSink> all = List.of(sinks);
    for (RrdMessageSink s : all) {
      Objects.requireNonNull(s, "sink is null");
    }
    return new RrdMessageSink() {
      @Override
      public void message(int kind, byte[] buf, int off, int len) throws IOException {
        for (RrdMessageSink s : all) {
          s.message(kind, buf, off, len);
        }
      }

      @Override
      public void flush() throws IOException {
        for (RrdMessageSink s : all) {
          s.flush();
        }
      }

      @Override
      public void close() throws IOException {
        IOException first = null;
        for (RrdMessageSink s : all) {
          try {
            s.close();
          } catch (IOException e) {
            if (first == null) {
              first = e;
            } else {
              first.addSuppressed(e);
            }
          }
        }
        if (first != null) {
          throw first;
        }
      }
    };
  }
}
