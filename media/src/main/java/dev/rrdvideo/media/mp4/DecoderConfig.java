package dev.rrdvideo.media.mp4;

import dev.rrdvideo.media.Mp4FormatException;
import dev.rrdvideo.media.mp4.internal.ConfigCodec;
import dev.rrdvideo.media.mp4.internal.Fourcc;

/**
 * The codec configuration record stored in an MP4 video sample entry: {@code avcC} ({@link
 * AvcConfig}), {@code hvcC} ({@link HevcConfig}), {@code av1C} ({@link Av1Config}) or {@code vpcC}
 * ({@link VpConfig}).
 *
 * <p>Each implementation parses the box payload (the bytes after the 8-byte box header) with its
 * {@code parse(byte[])} method and writes it back with {@link #toBytes()}. Reserved bits are
 * ignored when parsing and written with the values the specifications require, so a record
 * round-trips byte for byte whenever the source wrote the reserved bits correctly (all real files
 * we have do).
 *
 * <p>Implementations are immutable values: byte arrays are copied in and out, and {@code equals}
 * compares their contents.
 */
public sealed interface DecoderConfig permits AvcConfig, HevcConfig, Av1Config, VpConfig {

  /** Returns the FourCC of the box that carries this record: avcC, hvcC, av1C or vpcC. */
  String boxType();

  /** Returns the box payload (without the 8-byte box header), ready to be written. */
  byte[] toBytes();

  /**
   * Parses the payload of a configuration box of the given type.
   *
   * @param boxType avcC, hvcC, av1C or vpcC
   * @param boxPayload the bytes after the box header
   * @throws Mp4FormatException if the payload is malformed (offsets are relative to the payload)
   * @throws IllegalArgumentException if the box type is not one of the four
   */
  static DecoderConfig parse(String boxType, byte[] boxPayload) throws Mp4FormatException {
    return ConfigCodec.parse(Fourcc.of(boxType), ConfigCodec.payload(boxPayload, boxType));
  }
}
