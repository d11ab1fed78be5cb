package dev.rrdvideo.format.internal.frame;

/** The {@code kind} field of a {@link MessageHeader}. */
public enum MessageKind {
  /** 0: end of stream; payload is an {@code RrdFooter}; a 32-byte stream footer follows. */
  END(0),
  /** 1: {@code SetStoreInfo}. */
  SET_STORE_INFO(1),
  /** 2: {@code ArrowMsg} (one chunk). */
  ARROW_MSG(2),
  /** 3: {@code BlueprintActivationCommand}. */
  BLUEPRINT_ACTIVATION(3);

  private final int code;

  MessageKind(int code) {
    this.code = code;
  }

  /** Returns the wire code. */
  public int code() {
    return code;
  }

  /** Returns the kind for a wire code, or {@code null} if unknown. */
  public static MessageKind fromCode(long code) {
    if (code < 0 || code > 3) {
      return null;
    }
    return values()[(int) code];
  }
}
