package dev.rrdvideo.cli.demo;

import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;

/**
 * Renders the demo animation: a vertical gradient from blue (top) to purple (bottom) with a gold
 * ball bouncing up and down, straight into the planes of a reused JCodec {@link Picture} in YUV
 * 4:2:0 (full-range BT.601, which is what JCodec's encoder takes; its planes hold {@code value -
 * 128} as signed bytes).
 *
 * <p>The background rows are computed once; each frame only repaints the rows the ball touched in
 * the previous frame and the rows it touches now. Not thread-safe.
 */
public final class DemoFrames {
  /** Frame width in pixels. */
  public static final int WIDTH = 480;

  /** Frame height in pixels. */
  public static final int HEIGHT = 320;

  /** Ball radius in pixels. */
  public static final int BALL_RADIUS = 30;

  private static final int[] TOP_RGB = {32, 64, 210};
  private static final int[] BOTTOM_RGB = {150, 40, 190};
  private static final int[] BALL_RGB = {255, 200, 40};

  private final int fps;
  private final Picture picture = Picture.create(WIDTH, HEIGHT, ColorSpace.YUV420J);
  private final byte[] rowY = new byte[HEIGHT];
  private final byte[] rowU = new byte[HEIGHT / 2];
  private final byte[] rowV = new byte[HEIGHT / 2];
  private final byte ballY;
  private final byte ballU;
  private final byte ballV;
  private int lastTop = 0;
  private int lastBottom = HEIGHT - 1;

  /** Creates a renderer for the given frame rate (the bounce takes one second). */
  public DemoFrames(int fps) {
    if (fps < 1) {
      throw new IllegalArgumentException("fps must be >= 1, was " + fps);
    }
    this.fps = fps;
    for (int y = 0; y < HEIGHT; y++) {
      int[] rgb = mix(TOP_RGB, BOTTOM_RGB, y / (double) (HEIGHT - 1));
      rowY[y] = luma(rgb);
    }
    for (int y = 0; y < HEIGHT / 2; y++) {
      int[] rgb = mix(TOP_RGB, BOTTOM_RGB, (2 * y + 0.5) / (HEIGHT - 1));
      rowU[y] = cb(rgb);
      rowV[y] = cr(rgb);
    }
    ballY = luma(BALL_RGB);
    ballU = cb(BALL_RGB);
    ballV = cr(BALL_RGB);
  }

  /** Returns the horizontal position of the ball centre (constant). */
  public static int ballCenterX() {
    return WIDTH / 2;
  }

  /**
   * Returns the vertical position of the ball centre in frame {@code i}: it rests on the floor at
   * whole seconds and peaks near the top half a second later (a bounce is |sin|).
   */
  public int ballCenterY(int i) {
    double t = i / (double) fps;
    double height = Math.abs(Math.sin(Math.PI * t));
    int floor = HEIGHT - BALL_RADIUS - 8;
    int top = BALL_RADIUS + 8;
    return (int) Math.round(floor - height * (floor - top));
  }

  /** Renders frame {@code i} and returns the (reused) picture. */
  public Picture render(int i) {
    int cy = ballCenterY(i);
    int top = Math.max(0, cy - BALL_RADIUS - 2);
    int bottom = Math.min(HEIGHT - 1, cy + BALL_RADIUS + 2);
    paintBackground(Math.min(top, lastTop), Math.max(bottom, lastBottom));
    paintBall(WIDTH / 2, cy);
    lastTop = top;
    lastBottom = bottom;
    return picture;
  }

  private void paintBackground(int fromRow, int toRow) {
    byte[] y = picture.getPlaneData(0);
    byte[] u = picture.getPlaneData(1);
    byte[] v = picture.getPlaneData(2);
    for (int r = fromRow; r <= toRow; r++) {
      java.util.Arrays.fill(y, r * WIDTH, (r + 1) * WIDTH, rowY[r]);
    }
    int cw = WIDTH / 2;
    for (int r = fromRow / 2; r <= Math.min(HEIGHT / 2 - 1, toRow / 2); r++) {
      java.util.Arrays.fill(u, r * cw, (r + 1) * cw, rowU[r]);
      java.util.Arrays.fill(v, r * cw, (r + 1) * cw, rowV[r]);
    }
  }

  private void paintBall(int cx, int cy) {
    byte[] y = picture.getPlaneData(0);
    byte[] u = picture.getPlaneData(1);
    byte[] v = picture.getPlaneData(2);
    int r2 = BALL_RADIUS * BALL_RADIUS;
    for (int py = Math.max(0, cy - BALL_RADIUS);
        py <= Math.min(HEIGHT - 1, cy + BALL_RADIUS);
        py++) {
      for (int px = cx - BALL_RADIUS; px <= cx + BALL_RADIUS; px++) {
        int dx = px - cx;
        int dy = py - cy;
        if (dx * dx + dy * dy <= r2) {
          y[py * WIDTH + px] = ballY;
        }
      }
    }
    int cw = WIDTH / 2;
    for (int py = Math.max(0, (cy - BALL_RADIUS) / 2);
        py <= Math.min(HEIGHT / 2 - 1, (cy + BALL_RADIUS) / 2);
        py++) {
      for (int px = (cx - BALL_RADIUS) / 2; px <= (cx + BALL_RADIUS) / 2; px++) {
        int dx = 2 * px + 1 - cx;
        int dy = 2 * py + 1 - cy;
        if (dx * dx + dy * dy <= r2) {
          u[py * cw + px] = ballU;
          v[py * cw + px] = ballV;
        }
      }
    }
  }

  private static int[] mix(int[] a, int[] b, double t) {
    double k = Math.min(1, Math.max(0, t));
    return new int[] {
      (int) Math.round(a[0] + (b[0] - a[0]) * k),
      (int) Math.round(a[1] + (b[1] - a[1]) * k),
      (int) Math.round(a[2] + (b[2] - a[2]) * k)
    };
  }

  /** Full-range BT.601 luma of an RGB colour, as a JCodec sample (value - 128). */
  static byte luma(int[] rgb) {
    return sample(0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]);
  }

  private static byte cb(int[] rgb) {
    return sample(128 - 0.168736 * rgb[0] - 0.331264 * rgb[1] + 0.5 * rgb[2]);
  }

  private static byte cr(int[] rgb) {
    return sample(128 + 0.5 * rgb[0] - 0.418688 * rgb[1] - 0.081312 * rgb[2]);
  }

  private static byte sample(double value) {
    int v = (int) Math.round(Math.max(0, Math.min(255, value)));
    return (byte) (v - 128);
  }
}
