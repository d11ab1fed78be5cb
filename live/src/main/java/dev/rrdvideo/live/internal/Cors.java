package dev.rrdvideo.live.internal;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Cross-origin policy in front of the gRPC handler, as Rerun's message proxy has it: browsers may
 * call from origins matching {@code *://localhost[:*]}, {@code *://127.0.0.1[:*]} and {@code
 * *://rerun.io[:*]}, plus the operator's glob patterns ({@code *} matches any run of characters,
 * matched against the whole {@code Origin} value such as {@code https://example.com:8080}). Allowed
 * origins get permissive CORS answers (the request's method and headers mirrored, the gRPC status
 * headers exposed so that the browser can read them); a request or preflight from any other origin
 * is refused with 403 before it reaches the service. Requests without an {@code Origin} (native
 * clients) pass untouched.
 */
public final class Cors implements Handler<HttpServerRequest> {
  /** Rerun's default patterns ({@code re_grpc_server}, {@code DEFAULT_CORS_PATTERNS}). */
  public static final List<String> DEFAULT_PATTERNS =
      List.of(
          "*://localhost",
          "*://localhost:*",
          "*://127.0.0.1",
          "*://127.0.0.1:*",
          "*://rerun.io",
          "*://rerun.io:*");

  private final List<Pattern> patterns = new ArrayList<>();
  private final Handler<HttpServerRequest> next;
  private final Consumer<String> log;

  /** Creates the policy with the default patterns plus {@code extra}. */
  public Cors(List<String> extra, Handler<HttpServerRequest> next, Consumer<String> log) {
    for (String p : DEFAULT_PATTERNS) {
      patterns.add(glob(p));
    }
    for (String p : extra) {
      patterns.add(glob(p));
    }
    this.next = next;
    this.log = log;
  }

  static Pattern glob(String glob) {
    StringBuilder re = new StringBuilder();
    int start = 0;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' || c == '?') {
        if (i > start) {
          re.append(Pattern.quote(glob.substring(start, i)));
        }
        re.append(c == '*' ? ".*" : ".");
        start = i + 1;
      }
    }
    if (start < glob.length()) {
      re.append(Pattern.quote(glob.substring(start)));
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  /** Returns whether a browser at {@code origin} may call the server. */
  public boolean allows(String origin) {
    for (Pattern p : patterns) {
      if (p.matcher(origin).matches()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void handle(HttpServerRequest req) {
    String origin = req.getHeader("origin");
    if (origin == null) {
      next.handle(req);
      return;
    }
    HttpServerResponse resp = req.response();
    if (!allows(origin)) {
      log.accept(
          "refused a request from origin "
              + origin
              + " (allowed: localhost, 127.0.0.1, rerun.io and --cors-origin patterns)");
      resp.setStatusCode(403).putHeader("content-type", "text/plain").end("origin not allowed\n");
      return;
    }
    resp.putHeader("access-control-allow-origin", origin);
    resp.putHeader("access-control-allow-credentials", "true");
    resp.putHeader("vary", "origin, access-control-request-method, access-control-request-headers");
    if (req.method() == HttpMethod.OPTIONS
        && req.getHeader("access-control-request-method") != null) {
      resp.putHeader(
          "access-control-allow-methods", req.getHeader("access-control-request-method"));
      String headers = req.getHeader("access-control-request-headers");
      if (headers != null) {
        resp.putHeader("access-control-allow-headers", headers.toLowerCase(Locale.ROOT));
      }
      resp.putHeader("access-control-max-age", "86400");
      resp.setStatusCode(200).end();
      return;
    }
    resp.putHeader(
        "access-control-expose-headers",
        "grpc-status, grpc-message, grpc-status-details-bin, grpc-encoding, content-type");
    next.handle(req);
  }
}
