package dev.rrdvideo.cli.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.format.testing.FuzzContract;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.channels.SeekableByteChannel;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;

/**
 * Coverage-guided fuzzing of the CLI's wrong-input check ({@code InputSniffer}): it reads the first
 * bytes and walks the top-level boxes of any file named like an MP4. Only a typed {@link
 * RrdVideoException} (the "not an MP4" messages) may come out; anything else is a finding, and so
 * is a slow input ({@link FuzzContract}). {@code mvn test} replays the committed inputs under
 * {@code InputSnifferFuzzTestInputs/<method>/}.
 */
class InputSnifferFuzzTest {
  private static final Method REQUIRE_MP4;
  private static final Method DESCRIBE;

  static {
    try {
      Class<?> c = Class.forName("dev.rrdvideo.cli.InputSniffer");
      REQUIRE_MP4 =
          c.getDeclaredMethod("requireMp4", SeekableByteChannel.class, String.class, boolean.class);
      REQUIRE_MP4.setAccessible(true);
      DESCRIBE = c.getDeclaredMethod("describe", byte[].class, int.class);
      DESCRIBE.setAccessible(true);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Any bytes, read as a file that claims to be an MP4. */
  @FuzzTest(maxDuration = "2m")
  void mp4(byte[] data) throws Throwable {
    FuzzContract.check(
        () -> {
          try (SeekableByteChannel ch = new ByteArrayReadableSeekableByteChannel(data)) {
            REQUIRE_MP4.invoke(null, ch, "in.mp4", true);
          } catch (InvocationTargetException e) {
            // what the sniffer threw, as itself: typed is fine, anything else a finding
            if (e.getCause() instanceof Exception thrown) {
              throw thrown;
            }
            throw (Error) e.getCause();
          }
        });
    String what = (String) DESCRIBE.invoke(null, data, Math.min(data.length, 189));
    if (what == null || what.isEmpty()) {
      throw new AssertionError("no description");
    }
  }
}
