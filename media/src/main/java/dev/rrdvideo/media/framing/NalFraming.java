package dev.rrdvideo.media.framing;

import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.media.Mp4FormatException;
import dev.rrdvideo.media.mp4.AvcConfig;
import dev.rrdvideo.media.mp4.DecoderConfig;
import dev.rrdvideo.media.mp4.HevcConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rewrites length-prefixed H.264/H.265 access units (MP4 sample format) to Annex B (what a {@code
 * VideoStream} carries), into a reused grow-only buffer.
 *
 * <p>Every NAL unit gets a 4-byte start code. A keyframe that does not already carry its parameter
 * sets in-band (SPS and PPS; VPS, SPS and PPS for H.265) gets all of the track's
 * decoder-configuration parameter sets, placed after a leading access unit delimiter if there is
 * one (an AUD must open the access unit; browsers' decoders reject a keyframe whose parameter sets
 * precede it) and otherwise first. Rerun's own MP4 reader always prepends them, even before an AUD,
 * which the Rerun 0.33 web viewer then fails to decode (seen with a GoPro file); the NAL payloads
 * are the same either way. Emulation prevention bytes are part of the NAL payload and are not
 * touched. Not thread-safe.
 */
public final class NalFraming {
  private final int lengthSize;
  private final boolean hevc;
  private final List<byte[]> parameterSets;
  private byte[] out = new byte[1 << 16];
  private int size;
  private final String source;

  /**
   * Creates a rewriter for the samples of a track with this decoder configuration: its NAL length
   * size, and its parameter sets ({@link #parameterSets}) to put before each keyframe that lacks
   * them.
   *
   * @param source name of the input, for error messages (or {@code null})
   * @throws IllegalArgumentException if {@code config} is neither an {@link AvcConfig} nor an
   *     {@link HevcConfig}
   */
  public static NalFraming forConfig(DecoderConfig config, String source) {
    if (config instanceof AvcConfig avc) {
      return new NalFraming(avc.nalLengthSizeBytes(), false, parameterSets(avc), source);
    }
    if (config instanceof HevcConfig hevc) {
      return new NalFraming(hevc.nalLengthSizeBytes(), true, parameterSets(hevc), source);
    }
    throw new IllegalArgumentException("not an avcC or hvcC configuration: " + config);
  }

  /**
   * Returns the parameter-set NAL units of an avcC (SPS, then PPS) or hvcC (VPS, SPS, then PPS)
   * configuration, in the order a keyframe carries them; empty for other configurations.
   */
  public static List<byte[]> parameterSets(DecoderConfig config) {
    List<byte[]> ps = new ArrayList<>();
    if (config instanceof AvcConfig avc) {
      ps.addAll(avc.sequenceParameterSets());
      ps.addAll(avc.pictureParameterSets());
    } else if (config instanceof HevcConfig hevc) {
      ps.addAll(hevc.nalUnits(HevcConfig.NAL_VPS));
      ps.addAll(hevc.nalUnits(HevcConfig.NAL_SPS));
      ps.addAll(hevc.nalUnits(HevcConfig.NAL_PPS));
    }
    return ps;
  }

  private NalFraming(int lengthSize, boolean hevc, List<byte[]> parameterSets, String source) {
    if (lengthSize != 1 && lengthSize != 2 && lengthSize != 4) {
      throw new IllegalArgumentException("NAL length size must be 1, 2 or 4, was " + lengthSize);
    }
    this.lengthSize = lengthSize;
    this.hevc = hevc;
    this.parameterSets = List.copyOf(parameterSets);
    this.source = source;
  }

  /**
   * Converts {@code src[off..off+len)}; the result is {@link #buffer()}{@code [0..}{@link
   * #size()}{@code )} until the next call.
   *
   * @param sampleIndex for error messages
   * @param fileOffset absolute offset of the sample in its file, for error messages (or -1)
   * @throws RrdVideoException if a length prefix runs past the end of the sample
   */
  public void convert(
      byte[] src, int off, int len, boolean keyframe, int sampleIndex, long fileOffset)
      throws RrdVideoException {
    size = 0;
    // Pass 1: validate the length prefixes and find the parameter sets and a leading AUD.
    int p = off;
    int end = off + len;
    boolean first = true;
    boolean leadingAud = false;
    int audEnd = off;
    int found = 0;
    while (p < end) {
      if (end - p < lengthSize) {
        throw error("truncated NAL length prefix", sampleIndex, fileOffset, p - off, end - p);
      }
      long n = 0;
      for (int k = 0; k < lengthSize; k++) {
        n = (n << 8) | (src[p + k] & 0xFF);
      }
      int at = p;
      p += lengthSize;
      if (n > end - p) {
        throw error(
            "NAL unit of " + n + " bytes runs past the end of the sample",
            sampleIndex,
            fileOffset,
            at - off,
            end - p);
      }
      if (n > 0) {
        int type = hevc ? (src[p] >> 1) & 0x3F : src[p] & 0x1F;
        found |= parameterSetBit(type);
        if (first && type == (hevc ? 35 : 9)) {
          leadingAud = true;
          audEnd = p + (int) n;
        }
        first = false;
      }
      p += (int) n;
    }
    boolean inBand = found == (hevc ? 0b111 : 0b110);
    boolean insert = keyframe && !inBand && !parameterSets.isEmpty();
    // Pass 2: write.
    p = off;
    if (insert && !leadingAud) {
      writeParameterSets();
    }
    while (p < end) {
      long n = 0;
      for (int k = 0; k < lengthSize; k++) {
        n = (n << 8) | (src[p + k] & 0xFF);
      }
      p += lengthSize;
      if (n > 0) {
        startCode();
        append(src, p, (int) n);
      }
      p += (int) n;
      if (insert && leadingAud && p == audEnd) {
        writeParameterSets();
      }
    }
  }

  private void writeParameterSets() {
    for (byte[] ps : parameterSets) {
      startCode();
      append(ps, 0, ps.length);
    }
  }

  /** Bit 0 VPS, 1 SPS, 2 PPS. */
  private int parameterSetBit(int type) {
    if (hevc) {
      return type == 32 ? 1 : type == 33 ? 2 : type == 34 ? 4 : 0;
    }
    return type == 7 ? 2 : type == 8 ? 4 : 0;
  }

  private RrdVideoException error(String what, int sampleIndex, long fileOffset, int at, int left) {
    return new Mp4FormatException(
        what
            + " (sample "
            + sampleIndex
            + ", byte "
            + at
            + " of the sample, "
            + left
            + " bytes left)",
        source,
        fileOffset < 0 ? -1 : fileOffset + at,
        null);
  }

  private void startCode() {
    ensure(size + 4);
    out[size] = 0;
    out[size + 1] = 0;
    out[size + 2] = 0;
    out[size + 3] = 1;
    size += 4;
  }

  private void append(byte[] b, int off, int len) {
    ensure(size + len);
    System.arraycopy(b, off, out, size, len);
    size += len;
  }

  private void ensure(int n) {
    if (n > out.length) {
      out = Arrays.copyOf(out, Math.max(n, out.length * 2));
    }
  }

  /** Returns the output buffer (valid bytes {@code [0, size())}). */
  public byte[] buffer() {
    return out;
  }

  /** Returns the number of output bytes. */
  public int size() {
    return size;
  }
}
