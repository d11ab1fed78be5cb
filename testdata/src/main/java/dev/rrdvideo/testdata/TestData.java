package dev.rrdvideo.testdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Looks up test fixtures by name, e.g. {@code "rerun/stream_h264.rrd"} or {@code
 * "realworld/mp4ff_vp9.ivf"}.
 *
 * <p>Fixtures are class-path resources under {@code dev/rrdvideo/testdata/}. When the module is
 * used as a jar, {@link #path(String)} copies a fixture to a temporary file once per run so that
 * code under test can open it as a seekable file.
 */
public final class TestData {
  private static final String ROOT = "/dev/rrdvideo/testdata/";
  private static final ConcurrentHashMap<String, Path> COPIES = new ConcurrentHashMap<>();
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestData() {}

  /** Returns whether a fixture with this name exists. */
  public static boolean exists(String name) {
    return TestData.class.getResource(ROOT + name) != null;
  }

  /** Returns the bytes of a fixture. */
  public static byte[] bytes(String name) {
    try (InputStream in = open(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the text of a fixture, decoded as UTF-8. */
  public static String text(String name) {
    return new String(bytes(name), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Returns a JSON fixture (an ffprobe table, a facts or manifest file) as a Jackson tree. */
  public static JsonNode json(String name) {
    try {
      return JSON.readTree(bytes(name));
    } catch (IOException e) {
      throw new UncheckedIOException("fixture " + name + " is not JSON", e);
    }
  }

  /** Opens a fixture as a stream; the caller closes it. */
  public static InputStream open(String name) {
    InputStream in = TestData.class.getResourceAsStream(ROOT + name);
    if (in == null) {
      throw new IllegalArgumentException("no test fixture named " + name);
    }
    return in;
  }

  /** Returns a file system path holding the fixture's bytes (a temporary copy if needed). */
  public static Path path(String name) {
    URL url = TestData.class.getResource(ROOT + name);
    if (url == null) {
      throw new IllegalArgumentException("no test fixture named " + name);
    }
    if ("file".equals(url.getProtocol())) {
      try {
        return Paths.get(url.toURI());
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
    return COPIES.computeIfAbsent(
        name,
        n -> {
          try (InputStream in = open(n)) {
            Path dir = Files.createTempDirectory("rrdvideo-testdata");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve(n.substring(n.lastIndexOf('/') + 1));
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            return file;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
