package dev.rrdvideo.convert;

import dev.rrdvideo.format.error.UnsupportedFeatureException;
import dev.rrdvideo.media.MediaKind;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Converts video between files and Rerun recordings without re-encoding: the one entry point of
 * this module. Which conversion runs follows from the input's and the output's {@link MediaKind}:
 *
 * <table>
 *   <caption>Conversions</caption>
 *   <tr><th>from</th><th>to</th><th>what happens</th></tr>
 *   <tr><td>{@link MediaKind#MP4}</td><td>{@link MediaKind#RECORDING}</td>
 *       <td>the MP4's video track as a {@code VideoStream} (one sample per MP4 sample, Annex B,
 *       parameter sets on keyframes; no B-frames), or with {@link ConvertOptions.Mode#ASSET} the
 *       whole file as an {@code AssetVideo} with one {@code VideoFrameReference} per frame</td></tr>
 *   <tr><td>{@link MediaKind#ANNEXB_H264}, {@link MediaKind#ANNEXB_H265}, {@link MediaKind#OBU},
 *       {@link MediaKind#IVF}</td><td>{@link MediaKind#RECORDING}</td>
 *       <td>a {@code VideoStream}, one sample per access unit / temporal unit / IVF frame, the
 *       bytes kept exactly; times from {@link ConvertOptions#timestampsNanos()} or {@link
 *       ConvertOptions#fps()} (IVF: its own)</td></tr>
 *   <tr><td>{@link MediaKind#RECORDING}</td><td>{@link MediaKind#MP4}</td>
 *       <td>a {@code VideoStream} muxed into a progressive MP4, or an {@code AssetVideo}'s MP4
 *       written out unchanged</td></tr>
 *   <tr><td>{@link MediaKind#RECORDING}</td><td>{@link MediaKind#ANNEXB_H264}, {@link
 *       MediaKind#ANNEXB_H265}, {@link MediaKind#OBU}, {@link MediaKind#IVF}</td>
 *       <td>a {@code VideoStream}'s samples as a raw stream (the Annex B kind must name the
 *       recording's codec), optionally with their times ({@link ConvertOutput#withTimestamps})</td>
 *   </tr>
 *   <tr><td>{@link MediaKind#RECORDING}</td><td>{@link MediaKind#RECORDING}</td>
 *       <td>video entities switched between {@code AssetVideo} and {@code VideoStream} ({@link
 *       ConvertOptions#mode()} names the result), every other chunk copied unchanged</td></tr>
 * </table>
 *
 * <p>The library never prints: what the caller should know comes back as {@link ConvertWarning}s in
 * the {@link ConvertResult}; a damaged recording's problems go to the {@link
 * ConvertOptions#readOptions() read options}' warning consumer. Bad input is a {@link
 * dev.rrdvideo.format.error.RrdVideoException} with the byte offset; a conversion that cannot carry
 * the input (B-frames in a {@code VideoStream}, a codec the target Rerun lacks) is an {@link
 * UnsupportedFeatureException} saying why.
 */
public final class Converter {
  private Converter() {}

  /** Returns whether {@link #convert} converts {@code from} to {@code to} (see the class docs). */
  public static boolean supports(MediaKind from, MediaKind to) {
    Objects.requireNonNull(from, "from is null");
    Objects.requireNonNull(to, "to is null");
    if (to == MediaKind.RECORDING) {
      return true; // from a recording, an MP4 or any elementary stream
    }
    return from == MediaKind.RECORDING && (to == MediaKind.MP4 || to.isElementaryStream());
  }

  /**
   * Converts {@code input} to {@code output}.
   *
   * @throws UnsupportedFeatureException if the input's kind cannot be told, this pair of kinds is
   *     not {@link #supports supported}, or the input cannot be carried by the output
   * @throws dev.rrdvideo.format.error.RrdVideoException for malformed input
   * @throws IllegalArgumentException if the output has a {@link ConvertOutput#withTimestamps
   *     timestamps stream} but the input is no recording
   */
  public static ConvertResult convert(
      ConvertInput input, ConvertOutput output, ConvertOptions options) throws IOException {
    Objects.requireNonNull(options, "options is null");
    MediaKind from = input.resolveKind();
    MediaKind to = output.kind();
    if (!supports(from, to)) {
      throw new UnsupportedFeatureException(
          "converting "
              + from.label()
              + " to "
              + to.label()
              + " is not supported (supported: MP4, Annex B, OBU and IVF to a recording; a"
              + " recording to MP4, Annex B, OBU or IVF, or to a recording in the other mode)",
          input.name(),
          UnsupportedFeatureException.UNKNOWN_OFFSET);
    }
    if (output.timestamps() != null && from != MediaKind.RECORDING) {
      throw new IllegalArgumentException(
          "sample times are written for a raw-stream export from a recording, not from "
              + from.label());
    }
    OutputStream stream = output.stream();
    if (stream != null) {
      return new ConvertResult(from, to, run(input, from, output, stream, options));
    }
    Path file = output.path().get();
    boolean done = false;
    try {
      List<ConvertedVideo> videos;
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
        videos = run(input, from, output, out, options);
      }
      done = true;
      return new ConvertResult(from, to, videos);
    } finally {
      if (!done) {
        Files.deleteIfExists(file);
      }
    }
  }

  private static List<ConvertedVideo> run(
      ConvertInput input, MediaKind from, ConvertOutput output, OutputStream out, ConvertOptions o)
      throws IOException {
    MediaKind to = output.kind();
    if (from == MediaKind.RECORDING) {
      Path rrd = input.path().orElseThrow();
      if (to == MediaKind.MP4) {
        return List.of(RecordingToMp4.convert(rrd, out, o));
      }
      if (to == MediaKind.RECORDING) {
        return RecordingVideoConverter.convert(rrd, out, o);
      }
      return List.of(ElementaryStreams.fromRecording(rrd, to, out, output.timestamps(), o));
    }
    if (from == MediaKind.MP4) {
      return List.of(Mp4ToRecording.convert(input.path().orElseThrow(), out, o));
    }
    InputStream stream = input.stream();
    if (stream != null) {
      return List.of(ElementaryStreams.toRecording(stream, input.name(), from, out, o));
    }
    try (InputStream in =
        new BufferedInputStream(Files.newInputStream(input.path().orElseThrow()), 1 << 16)) {
      return List.of(ElementaryStreams.toRecording(in, input.name(), from, out, o));
    }
  }
}
