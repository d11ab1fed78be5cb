package dev.rrdvideo.format;

import dev.rrdvideo.format.error.LimitExceededException;
import dev.rrdvideo.format.error.RrdFormatException;
import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.format.internal.footer.FooterCodec;
import java.util.List;

/**
 * The End message (kind 0) that closes a stream, with its {@code RrdFooter} payload.
 *
 * <p>Rerun 0.28+ writes one manifest per store with chunks into the footer, followed by a 32-byte
 * stream footer; Rerun 0.23-0.27 wrote an empty End without stream footer. {@link #manifests()}
 * decodes the manifests on demand.
 */
public final class StreamEnd implements RrdMessage {
  private final long offset;
  private final String source;
  private final byte[] footer;
  private final boolean hasStreamFooter;
  private final long maxUncompressedBytes;
  private final int maxChunks;

  StreamEnd(
      long offset,
      String source,
      byte[] footer,
      boolean hasStreamFooter,
      long maxUncompressed,
      int maxChunks) {
    this.offset = offset;
    this.source = source;
    this.footer = footer;
    this.hasStreamFooter = hasStreamFooter;
    this.maxUncompressedBytes = maxUncompressed;
    this.maxChunks = maxChunks;
  }

  @Override
  public long offset() {
    return offset;
  }

  /** Returns the length of the {@code RrdFooter} payload in bytes (0 for an empty footer). */
  public int footerLength() {
    return footer.length;
  }

  /** Returns whether a 32-byte stream footer followed the End message. */
  public boolean hasStreamFooter() {
    return hasStreamFooter;
  }

  /**
   * Decodes the manifests of the footer.
   *
   * @throws RrdFormatException if the footer or a manifest is malformed
   * @throws LimitExceededException if it lists more chunks than {@link RrdReadOptions#maxChunks()}
   */
  public List<RrdManifest> manifests() throws RrdVideoException {
    return FooterCodec.parse(
        footer, 0, footer.length, source, offset + 16, maxUncompressedBytes, maxChunks);
  }
}
