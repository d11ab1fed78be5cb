package dev.rrdvideo.media.mp4;

import dev.rrdvideo.media.Mp4FormatException;
import dev.rrdvideo.media.mp4.internal.ConfigCodec;
import java.util.Arrays;
import java.util.Objects;

/**
 * An {@code AV1CodecConfigurationRecord}, the payload of an {@code av1C} box (AV1 Codec ISO Media
 * File Format Binding, section 2.3).
 *
 * <pre>
 * bits  field
 *  1+7  marker (1), version (1)
 *  3+5  seq_profile, seq_level_idx_0
 *  1+1+1+1+1+1+2 seq_tier_0, high_bitdepth, twelve_bit, monochrome,
 *       chroma_subsampling_x, chroma_subsampling_y, chroma_sample_position
 *  3+1+4 reserved 0, initial_presentation_delay_present,
 *       initial_presentation_delay_minus_one (or reserved 0)
 *  ...  configOBUs (zero or more OBUs, normally the sequence header)
 * </pre>
 *
 * @param version the record version (1)
 * @param seqProfile seq_profile (0..7)
 * @param seqLevelIdx0 seq_level_idx[0] (0..31)
 * @param seqTier0 seq_tier[0] (0 or 1)
 * @param highBitdepth high_bitdepth
 * @param twelveBit twelve_bit
 * @param monochrome mono_chrome
 * @param chromaSubsamplingX subsampling_x (0 or 1)
 * @param chromaSubsamplingY subsampling_y (0 or 1)
 * @param chromaSamplePosition chroma_sample_position (0..3)
 * @param initialPresentationDelayPresent initial_presentation_delay_present
 * @param initialPresentationDelayMinusOne initial_presentation_delay_minus_one (0..15), 0 when not
 *     present
 * @param configObus the configOBUs bytes (low-overhead OBU format)
 */
public record Av1Config(
    int version,
    int seqProfile,
    int seqLevelIdx0,
    int seqTier0,
    boolean highBitdepth,
    boolean twelveBit,
    boolean monochrome,
    int chromaSubsamplingX,
    int chromaSubsamplingY,
    int chromaSamplePosition,
    boolean initialPresentationDelayPresent,
    int initialPresentationDelayMinusOne,
    byte[] configObus)
    implements DecoderConfig {

  /** Validates ranges and copies the array. */
  public Av1Config {
    ConfigCodec.checkRange("version", version, 0, 127);
    ConfigCodec.checkRange("seqProfile", seqProfile, 0, 7);
    ConfigCodec.checkRange("seqLevelIdx0", seqLevelIdx0, 0, 31);
    ConfigCodec.checkRange("seqTier0", seqTier0, 0, 1);
    ConfigCodec.checkRange("chromaSubsamplingX", chromaSubsamplingX, 0, 1);
    ConfigCodec.checkRange("chromaSubsamplingY", chromaSubsamplingY, 0, 1);
    ConfigCodec.checkRange("chromaSamplePosition", chromaSamplePosition, 0, 3);
    ConfigCodec.checkRange(
        "initialPresentationDelayMinusOne", initialPresentationDelayMinusOne, 0, 15);
    if (!initialPresentationDelayPresent && initialPresentationDelayMinusOne != 0) {
      throw new IllegalArgumentException(
          "initialPresentationDelayMinusOne must be 0 when not present, was "
              + initialPresentationDelayMinusOne);
    }
    configObus = Objects.requireNonNull(configObus, "configObus is null").clone();
  }

  /**
   * Parses an {@code av1C} payload.
   *
   * @throws Mp4FormatException if it is shorter than 4 bytes, the marker bit is 0 or the version is
   *     not 1 (the offset is relative to the payload)
   */
  public static Av1Config parse(byte[] boxPayload) throws Mp4FormatException {
    return ConfigCodec.parseAv1(ConfigCodec.payload(boxPayload, "av1C"));
  }

  /** Returns {@code av1C}. */
  @Override
  public String boxType() {
    return "av1C";
  }

  @Override
  public byte[] toBytes() {
    return ConfigCodec.writeAv1(this);
  }

  /** Returns a copy of the configOBUs bytes. */
  @Override
  public byte[] configObus() {
    return configObus.clone();
  }

  /** Returns the bit depth implied by the flags: 8, 10 or 12. */
  public int bitDepth() {
    return highBitdepth ? (twelveBit ? 12 : 10) : 8;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Av1Config c
        && version == c.version
        && seqProfile == c.seqProfile
        && seqLevelIdx0 == c.seqLevelIdx0
        && seqTier0 == c.seqTier0
        && highBitdepth == c.highBitdepth
        && twelveBit == c.twelveBit
        && monochrome == c.monochrome
        && chromaSubsamplingX == c.chromaSubsamplingX
        && chromaSubsamplingY == c.chromaSubsamplingY
        && chromaSamplePosition == c.chromaSamplePosition
        && initialPresentationDelayPresent == c.initialPresentationDelayPresent
        && initialPresentationDelayMinusOne == c.initialPresentationDelayMinusOne
        && Arrays.equals(configObus, c.configObus);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
                version,
                seqProfile,
                seqLevelIdx0,
                seqTier0,
                highBitdepth,
                twelveBit,
                monochrome,
                chromaSubsamplingX,
                chromaSubsamplingY,
                chromaSamplePosition,
                initialPresentationDelayPresent,
                initialPresentationDelayMinusOne)
            * 31
        + Arrays.hashCode(configObus);
  }

  @Override
  public String toString() {
    return "Av1Config[profile="
        + seqProfile
        + ", level="
        + seqLevelIdx0
        + ", tier="
        + seqTier0
        + ", bitDepth="
        + bitDepth()
        + (monochrome ? ", monochrome" : "")
        + ", subsampling="
        + chromaSubsamplingX
        + chromaSubsamplingY
        + ", configObus="
        + configObus.length
        + " bytes]";
  }
}
