package dev.rrdvideo.inspect;

import dev.rrdvideo.convert.bitstream.SampleInspector;
import dev.rrdvideo.format.video.VideoCodec;
import java.nio.ByteBuffer;

/**
 * The standard {@link SampleAnalyzer}: parses each sample with {@link SampleInspector} (keyframe by
 * the viewer's rules, frame type, NAL/OBU types, frame count, parameter sets, Annex B framing,
 * coded size). Keeps one grow-only copy buffer; use one instance per stream. Not thread-safe.
 */
public final class BitstreamAnalyzer implements SampleAnalyzer {
  private final SampleInspector inspector = new SampleInspector();
  private byte[] buf = new byte[1 << 16];

  @Override
  public void analyze(VideoCodec codec, ByteBuffer sample, Result result) {
    int n = sample.remaining();
    byte[] b;
    int off;
    if (sample.hasArray()) {
      b = sample.array();
      off = sample.arrayOffset() + sample.position();
    } else {
      if (buf.length < n) {
        buf = new byte[Math.max(n, buf.length * 2)];
      }
      sample.duplicate().get(buf, 0, n);
      b = buf;
      off = 0;
    }
    if (n == 0) {
      return;
    }
    inspector.inspect(codec, b, off, n);
    result.keyframe(inspector.keyframe());
    result.randomAccess(inspector.randomAccess());
    if (inspector.frameType() != null) {
      result.frameType(inspector.frameType());
    }
    if (inspector.unitTypes() != null) {
      result.unitTypes(inspector.unitTypes());
    }
    result.frameCount(inspector.frameCount());
    result.parameterSets(inspector.parameterSets());
    if (codec == VideoCodec.H264 || codec == VideoCodec.H265) {
      result.annexB(inspector.annexB());
    }
    if (inspector.width() > 0) {
      result.size(inspector.width(), inspector.height());
    }
  }
}
