package dev.rrdvideo.cli.demo;

import java.nio.ByteBuffer;
import org.jcodec.codecs.h264.H264Encoder;
import org.jcodec.common.VideoEncoder.EncodedFrame;
import org.jcodec.common.model.Picture;

/**
 * Encodes pictures to H.264 with JCodec's pure-Java encoder, one Annex B access unit per frame.
 *
 * <p>What JCodec 0.2.5 emits (checked by {@code DemoEncoderTest}): Constrained Baseline, I and P
 * slices only (no B-frames), 4-byte start codes, and on every IDR frame the SPS and PPS before the
 * IDR slice, which is what the Rerun viewer needs to start decoding there. The keyframe interval is
 * configurable (one per second in the demo). The output buffer is reused; {@link #encode} returns a
 * view that is valid until the next call. Not thread-safe.
 */
public final class DemoEncoder {
  private final H264Encoder encoder;
  private ByteBuffer out;

  /** Creates an encoder with an IDR frame every {@code keyInterval} frames. */
  public DemoEncoder(int keyInterval) {
    this.encoder = H264Encoder.createH264Encoder();
    encoder.setKeyInterval(keyInterval);
  }

  /** One encoded frame: a read-only view of the access unit and whether it is a keyframe. */
  public record Frame(ByteBuffer data, boolean keyframe) {}

  /** Encodes the next frame in display order. */
  public Frame encode(Picture picture) {
    int need = encoder.estimateBufferSize(picture);
    if (out == null || out.capacity() < need) {
      out = ByteBuffer.allocate(need);
    }
    out.clear();
    EncodedFrame f = encoder.encodeFrame(picture, out);
    return new Frame(f.getData().asReadOnlyBuffer(), f.isKeyFrame());
  }
}
