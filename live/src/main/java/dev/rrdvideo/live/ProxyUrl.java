package dev.rrdvideo.live;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A message proxy address as Rerun writes it: {@code rerun+http://HOST:PORT/proxy} ({@code
 * rerun+https} for TLS, which this module does not speak yet). {@code rerun://} and {@code http://}
 * are accepted as synonyms of {@code rerun+http://}; the port defaults to 9876 and the path to
 * {@code /proxy}.
 *
 * @param host host name or address
 * @param port TCP port
 */
public record ProxyUrl(String host, int port) {
  /** Rerun's default port of the message proxy. */
  public static final int DEFAULT_PORT = 9876;

  /** Validates the parts. */
  public ProxyUrl {
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("host is empty");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, was " + port);
    }
  }

  /**
   * Parses a proxy URL.
   *
   * @throws IllegalArgumentException if it is not a {@code rerun+http} proxy URL
   */
  public static ProxyUrl parse(String url) {
    URI u;
    try {
      u = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: '" + url + "': " + e.getMessage(), e);
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("rerun+https") || scheme.equals("https")) {
      throw new IllegalArgumentException(
          "'" + url + "': TLS (rerun+https) is not supported; use rerun+http://HOST:PORT/proxy");
    }
    if (!scheme.equals("rerun+http") && !scheme.equals("rerun") && !scheme.equals("http")) {
      throw new IllegalArgumentException(
          "'" + url + "' is not a proxy URL: expected rerun+http://HOST:PORT/proxy");
    }
    String path = u.getPath() == null ? "" : u.getPath();
    if (!path.isEmpty() && !path.equals("/") && !path.equals("/proxy")) {
      throw new IllegalArgumentException(
          "'" + url + "' names path '" + path + "': expected rerun+http://HOST:PORT/proxy");
    }
    if (u.getHost() == null) {
      throw new IllegalArgumentException("'" + url + "' has no host");
    }
    String host = u.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new ProxyUrl(host, u.getPort() < 0 ? DEFAULT_PORT : u.getPort());
  }

  /** Returns {@code rerun+http://HOST:PORT/proxy}. */
  @Override
  public String toString() {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return "rerun+http://" + h + ":" + port + "/proxy";
  }
}
