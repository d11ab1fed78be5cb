package dev.rrdvideo.live;

import dev.rrdvideo.format.RrdMessage;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Immutable options of a {@link LiveServer}.
 *
 * <p>Defaults: bind 127.0.0.1 (this machine only), port 9876 (Rerun's), 1 GiB of history (Rerun's
 * default), a reader may fall 256 MiB behind before it is dropped, messages up to 320 MiB (a video
 * chunk holds at most 256 MiB of samples), no CORS origins beyond Rerun's defaults, log lines
 * discarded.
 */
public final class LiveServerOptions {
  private static final LiveServerOptions DEFAULTS = builder().build();

  private final String bindAddress;
  private final int port;
  private final long historyLimitBytes;
  private final long readerLagLimitBytes;
  private final long maxMessageBytes;
  private final List<String> corsOrigins;
  private final Consumer<String> log;
  private final Recorder recorder;

  /** Receives every message the server accepts, in the order viewers get them live. */
  @FunctionalInterface
  public interface Recorder {
    /**
     * Records one message (called under the server's lock: keep it short). A failure stops the
     * recording (logged); the server goes on.
     */
    void record(RrdMessage message) throws java.io.IOException;
  }

  private LiveServerOptions(Builder b) {
    this.bindAddress = b.bindAddress;
    this.port = b.port;
    this.historyLimitBytes = b.historyLimitBytes;
    this.readerLagLimitBytes = b.readerLagLimitBytes;
    this.maxMessageBytes = b.maxMessageBytes;
    this.corsOrigins = List.copyOf(b.corsOrigins);
    this.log = b.log;
    this.recorder = b.recorder;
  }

  /** Returns the defaults. */
  public static LiveServerOptions defaults() {
    return DEFAULTS;
  }

  /** Returns a builder with default values. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the address to listen on. */
  public String bindAddress() {
    return bindAddress;
  }

  /** Returns the TCP port (0: any free port). */
  public int port() {
    return port;
  }

  /** Returns the history limit in bytes (0: no history, messages only go to connected readers). */
  public long historyLimitBytes() {
    return historyLimitBytes;
  }

  /** Returns how far a reader may fall behind the newest message before it is dropped. */
  public long readerLagLimitBytes() {
    return readerLagLimitBytes;
  }

  /** Returns the largest message accepted from a client. */
  public long maxMessageBytes() {
    return maxMessageBytes;
  }

  /** Returns the extra CORS origin patterns. */
  public List<String> corsOrigins() {
    return corsOrigins;
  }

  /** Returns the receiver of log lines. */
  public Consumer<String> log() {
    return log;
  }

  /** Returns the recorder, or null. */
  public Recorder recorder() {
    return recorder;
  }

  /** Builds {@link LiveServerOptions}. */
  public static final class Builder {
    private String bindAddress = "127.0.0.1";
    private int port = ProxyUrl.DEFAULT_PORT;
    private long historyLimitBytes = 1L << 30;
    private long readerLagLimitBytes = 256L << 20;
    private long maxMessageBytes = 320L << 20;
    private List<String> corsOrigins = List.of();
    private Consumer<String> log = line -> {};
    private Recorder recorder;

    private Builder() {}

    /**
     * Sets a recorder that gets every accepted message (from clients and in-process producers),
     * validated and decoded, e.g. to write them to an {@code .rrd} file with an {@code RrdWriter}
     * ({@code serve --record}). Default: none.
     */
    public Builder recorder(Recorder recorder) {
      this.recorder = recorder;
      return this;
    }

    /**
     * Sets the address to listen on (default 127.0.0.1: only this machine can connect); {@code
     * 0.0.0.0} or {@code ::} opens the server to the network, without authentication.
     */
    public Builder bindAddress(String bindAddress) {
      this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress is null");
      return this;
    }

    /** Sets the port (default 9876; 0 picks a free one, see {@link LiveServer#port()}). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /** Sets the history limit in bytes (default 1 GiB; 0 keeps no history). */
    public Builder historyLimitBytes(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("history limit must be >= 0, was " + bytes);
      }
      this.historyLimitBytes = bytes;
      return this;
    }

    /** Sets how far (bytes) a reader may fall behind before it is dropped (default 256 MiB). */
    public Builder readerLagLimitBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("reader lag limit must be >= 1, was " + bytes);
      }
      this.readerLagLimitBytes = bytes;
      return this;
    }

    /** Sets the largest message accepted from clients (default 320 MiB, at most 2 GiB - 64). */
    public Builder maxMessageBytes(long bytes) {
      if (bytes < 16 || bytes > Integer.MAX_VALUE - 64) {
        throw new IllegalArgumentException("max message bytes must be 16..2^31-65, was " + bytes);
      }
      this.maxMessageBytes = bytes;
      return this;
    }

    /**
     * Adds CORS origin patterns to Rerun's defaults (localhost, 127.0.0.1, rerun.io): glob patterns
     * matched against the whole {@code Origin}, e.g. {@code https://*.example.com}.
     */
    public Builder corsOrigins(List<String> patterns) {
      this.corsOrigins = List.copyOf(patterns);
      return this;
    }

    /** Sets the receiver of log lines (connections, limits reached, refused input). */
    public Builder log(Consumer<String> log) {
      this.log = Objects.requireNonNull(log, "log is null");
      return this;
    }

    /** Returns the options. */
    public LiveServerOptions build() {
      return new LiveServerOptions(this);
    }
  }
}
