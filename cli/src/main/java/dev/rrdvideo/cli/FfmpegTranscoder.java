package dev.rrdvideo.cli;

import dev.rrdvideo.format.error.UnsupportedFeatureException;
import dev.rrdvideo.format.video.VideoCodec;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-encodes a video track without B-frames by running an external {@code ffmpeg} (the way out for
 * B-frame MP4s that must become a {@code VideoStream}; Rerun's MP4 reader does the same). The only
 * lossy path in rrdvideo: the result is visually close, not bit-exact. Frame timing is passed
 * through ({@code -fps_mode passthrough}).
 *
 * <p>Part of the command-line tool ({@code convert --transcode}), not of the convert library: it
 * runs an external program, which a library should not do behind its caller's back.
 */
final class FfmpegTranscoder {
  private FfmpegTranscoder() {}

  /** Returns the ffmpeg executable on PATH (or {@code RRDVIDEO_FFMPEG}), or {@code null}. */
  static Path findFfmpeg() {
    String override = System.getenv("RRDVIDEO_FFMPEG");
    if (override != null && Files.isExecutable(Path.of(override))) {
      return Path.of(override);
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path p = Path.of(dir, "ffmpeg");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /**
   * Re-encodes the first video track of {@code in} into {@code out} (MP4) without B-frames.
   *
   * @throws UnsupportedFeatureException when ffmpeg is not available or fails
   */
  static void removeBFrames(Path in, Path out, VideoCodec codec) throws IOException {
    Path ffmpeg = findFfmpeg();
    if (ffmpeg == null) {
      throw new UnsupportedFeatureException(
          "--transcode needs ffmpeg on PATH (or RRDVIDEO_FFMPEG); install it, or use --mode asset"
              + " to keep the B-frames in an AssetVideo",
          null,
          -1);
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(ffmpeg.toString());
    cmd.addAll(
        List.of("-v", "error", "-nostdin", "-y", "-i", in.toString(), "-map", "0:v:0", "-an"));
    switch (codec) {
      case H265 ->
          cmd.addAll(
              List.of(
                  "-c:v",
                  "libx265",
                  "-x265-params",
                  "bframes=0:log-level=error",
                  "-crf",
                  "20",
                  "-preset",
                  "fast",
                  "-tag:v",
                  "hvc1"));
      default ->
          cmd.addAll(List.of("-c:v", "libx264", "-bf", "0", "-crf", "18", "-preset", "fast"));
    }
    cmd.addAll(List.of("-fps_mode", "passthrough", "-f", "mp4", out.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] log = p.getInputStream().readAllBytes();
    int code;
    try {
      code = p.waitFor();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for ffmpeg", e);
    }
    if (code != 0) {
      String msg = new String(log, StandardCharsets.UTF_8).strip();
      throw new UnsupportedFeatureException(
          "ffmpeg failed to re-encode (exit "
              + code
              + "): "
              + (msg.length() > 300 ? msg.substring(0, 300) + "..." : msg),
          in.getFileName().toString(),
          -1);
    }
  }
}
