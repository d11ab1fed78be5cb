package dev.rrdvideo.convert;

import java.util.Objects;

/**
 * Something a conversion did that the caller should know about, though it is not an error (an edit
 * list simplified, a sequence header added, bytes skipped). The library never prints: warnings come
 * back in {@link ConvertedVideo#warnings()}.
 *
 * @param kind what happened
 * @param message the same in words, for people ({@link #toString()})
 */
public record ConvertWarning(Kind kind, String message) {
  /** What a warning is about. */
  public enum Kind {
    /** An MP4 edit-list segment has a rate other than 1; the rate is ignored. */
    EDIT_LIST_RATE_IGNORED,
    /** An MP4 edit list has several normal segments; only the first is applied. */
    EDIT_LIST_SEGMENTS_IGNORED,
    /** An empty edit (a delayed start) is ignored: the MP4 has no movie timescale. */
    EMPTY_EDIT_IGNORED,
    /** The {@code av1C} sequence header was added to keyframes that lacked one in-band. */
    AV1_SEQUENCE_HEADER_ADDED,
    /** Bytes before the first start code of an Annex B stream were skipped. */
    LEADING_BYTES_SKIPPED,
    /** An IVF export uses the time base 1/1000: the recording names no source IVF header. */
    IVF_TIME_BASE_ASSUMED,
    /** An {@code AssetVideo}'s MP4 was written out unchanged. */
    ASSET_BLOB_COPIED,
    /** Frame numbers of a sequence timeline were given times at the options' frame rate. */
    SEQUENCE_TIMELINE_FPS_ASSUMED,
    /** An rrdvideo hint in the recording's schema metadata was malformed and ignored. */
    MALFORMED_HINT_IGNORED,
    /** H.264/H.265 parameter sets change between keyframes, so they stay in-band. */
    PARAMETER_SETS_KEPT_IN_BAND
  }

  /** Checks the fields. */
  public ConvertWarning {
    Objects.requireNonNull(kind, "kind is null");
    Objects.requireNonNull(message, "message is null");
  }

  /** Returns the message. */
  @Override
  public String toString() {
    return message;
  }
}
