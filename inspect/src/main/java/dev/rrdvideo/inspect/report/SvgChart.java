package dev.rrdvideo.inspect.report;

import java.util.function.DoubleFunction;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntToDoubleFunction;

/**
 * One chart as inline SVG: a plot area with grid, axes with ticks, and series drawn from {@link
 * BucketSeries} buckets. Every series is one {@code path} element whatever the number of buckets
 * (an envelope of all buckets is one path of sub-paths), so a chart has a few dozen elements and
 * its size grows with the number of buckets only, never with the number of samples.
 *
 * <p>Styling is by class names ({@code env}, {@code mean}, {@code key}, {@code bar}, {@code
 * typical}, {@code limit}, {@code over}, {@code grid}) that the page's style sheet defines. The
 * markup is well-formed XML without namespace declarations (inline SVG in HTML needs none).
 */
final class SvgChart {
  static final int WIDTH = 960;
  static final int HEIGHT = 200;
  private static final int LEFT = 72;
  private static final int RIGHT = 16;
  private static final int TOP = 12;
  private static final int BOTTOM = 34;
  private static final int PLOT_W = WIDTH - LEFT - RIGHT;
  private static final int PLOT_H = HEIGHT - TOP - BOTTOM;

  private final StringBuilder b;
  private final double xLo;
  private final double xHi;
  private final double yLo;
  private final double yHi;

  /**
   * Starts a chart.
   *
   * @param out where the markup goes
   * @param label what the chart shows, for screen readers
   * @param xLo the x at the left edge (series units)
   * @param xHi the x at the right edge, greater than {@code xLo}
   * @param yHi the value at the top edge (the bottom is 0), greater than 0
   */
  SvgChart(StringBuilder out, String label, double xLo, double xHi, double yHi) {
    this.b = out;
    this.xLo = xLo;
    this.xHi = xHi > xLo ? xHi : xLo + 1;
    this.yLo = 0;
    this.yHi = yHi > 0 ? yHi : 1;
    b.append("<svg class=\"chart\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"")
        .append(HtmlReport.escape(label))
        .append("\">");
    b.append("<rect class=\"plot\" x=\"")
        .append(LEFT)
        .append("\" y=\"")
        .append(TOP)
        .append("\" width=\"")
        .append(PLOT_W)
        .append("\" height=\"")
        .append(PLOT_H)
        .append("\"/>");
  }

  /** The horizontal pixel of x. */
  double px(double x) {
    double f = (x - xLo) / (xHi - xLo);
    return LEFT + Math.max(0, Math.min(1, f)) * PLOT_W;
  }

  /** The vertical pixel of a value, clamped to the plot area. */
  double py(double y) {
    double f = (y - yLo) / (yHi - yLo);
    return TOP + PLOT_H - Math.max(0, Math.min(1, f)) * PLOT_H;
  }

  /**
   * Draws the y grid and tick labels ({@code ticks} values from 0 in steps of {@code step}) and the
   * axis title.
   */
  void yAxis(double step, DoubleFunction<String> format, String title) {
    StringBuilder grid = new StringBuilder();
    for (int k = 0; k * step <= yHi * (1 + 1e-9) && k <= 20; k++) {
      double y = py(k * step);
      grid.append('M').append(LEFT).append(' ').append(num(y)).append('H').append(LEFT + PLOT_W);
      text(LEFT - 6, y + 4, "end", format.apply(k * step));
    }
    path("grid", grid);
    b.append("<text class=\"title\" transform=\"translate(14 ")
        .append(TOP + PLOT_H / 2)
        .append(") rotate(-90)\" text-anchor=\"middle\">")
        .append(HtmlReport.escape(title))
        .append("</text>");
  }

  /**
   * Draws x ticks: at {@code origin + k * step} for the multiples that fall in the range, labelled
   * by {@code format} of {@code k * step}, and the axis title.
   */
  void xAxis(double origin, double step, DoubleFunction<String> format, String title) {
    StringBuilder ticks = new StringBuilder();
    for (int k = 0; k <= 40; k++) {
      double x = origin + k * step;
      if (x > xHi + (xHi - xLo) * 1e-9) {
        break;
      }
      double p = px(x);
      ticks.append('M').append(num(p)).append(' ').append(TOP + PLOT_H).append("v5");
      text(p, TOP + PLOT_H + 17, "middle", format.apply(k * step));
    }
    path("tick", ticks);
    b.append("<text class=\"title\" x=\"")
        .append(LEFT + PLOT_W / 2)
        .append("\" y=\"")
        .append(HEIGHT - 2)
        .append("\" text-anchor=\"middle\">")
        .append(HtmlReport.escape(title))
        .append("</text>");
  }

  /**
   * Draws each run of non-empty buckets as one band from the bucket minimum to the bucket maximum
   * ({@code value} maps a series value to the chart's unit).
   */
  void envelope(BucketSeries s, String cls, DoubleUnaryOperator value) {
    StringBuilder d = new StringBuilder();
    int n = s.buckets();
    int i = 0;
    while (i < n) {
      if (s.count(i) == 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < n && s.count(j) > 0) {
        j++;
      }
      // upper edge left to right, lower edge right to left
      d.append('M')
          .append(num(left(s, i)))
          .append(' ')
          .append(num(py(value.applyAsDouble(s.max(i)))));
      for (int k = i; k < j; k++) {
        double y = py(value.applyAsDouble(s.max(k)));
        d.append('V').append(num(y)).append('H').append(num(right(s, k)));
      }
      for (int k = j - 1; k >= i; k--) {
        double y = py(value.applyAsDouble(s.min(k)));
        d.append('V').append(num(y)).append('H').append(num(left(s, k)));
      }
      d.append('Z');
      i = j;
    }
    path(cls, d);
  }

  /** Draws a line through the bucket centres at {@code value(i)} (NaN: a break in the line). */
  void line(BucketSeries s, String cls, IntToDoubleFunction value) {
    StringBuilder d = new StringBuilder();
    boolean pen = false;
    for (int i = 0; i < s.buckets(); i++) {
      double v = s.count(i) == 0 ? Double.NaN : value.applyAsDouble(i);
      if (Double.isNaN(v)) {
        pen = false;
        continue;
      }
      double x = (left(s, i) + right(s, i)) / 2;
      d.append(pen ? 'L' : 'M').append(num(x)).append(' ').append(num(py(v)));
      pen = true;
    }
    path(cls, d);
  }

  /**
   * Draws, for each non-empty bucket, a bar from 0 to {@code value(i)} that spans from the bucket's
   * first x to the next non-empty bucket's first x (the last one to {@code end}): the time the
   * bucket's values cover, when each value lasts until the next (GOPs; bytes for a bitrate).
   *
   * @param gap whether neighbouring bars are separated by a pixel
   */
  void spans(BucketSeries s, String cls, double end, boolean gap, IntToDoubleFunction value) {
    StringBuilder d = new StringBuilder();
    double base = py(0);
    int n = s.buckets();
    int i = nextNonEmpty(s, 0);
    while (i < n) {
      int next = nextNonEmpty(s, i + 1);
      double x0 = px(s.firstX(i));
      double x1 = px(next < n ? s.firstX(next) : end);
      if (gap && x1 - x0 > 3) {
        x1 -= 1;
      }
      if (x1 - x0 < 1) {
        x1 = x0 + 1;
      }
      d.append('M').append(num(x0)).append(' ').append(num(base));
      d.append('V').append(num(py(value.applyAsDouble(i)))).append('H').append(num(x1));
      d.append('V').append(num(base)).append('Z');
      i = next;
    }
    path(cls, d);
  }

  private static int nextNonEmpty(BucketSeries s, int from) {
    int i = from;
    while (i < s.buckets() && s.count(i) == 0) {
      i++;
    }
    return i;
  }

  /**
   * Draws a small diamond at the centre of every bucket for which {@code value(i)} is not NaN (a
   * marked bucket).
   */
  void diamonds(BucketSeries s, String cls, IntToDoubleFunction value) {
    StringBuilder d = new StringBuilder();
    for (int i = 0; i < s.buckets(); i++) {
      double v = s.count(i) == 0 ? Double.NaN : value.applyAsDouble(i);
      if (Double.isNaN(v)) {
        continue;
      }
      double x = (left(s, i) + right(s, i)) / 2;
      d.append('M').append(num(x)).append(' ').append(num(py(v) - 3.5));
      d.append("l3 3.5-3 3.5-3-3.5z");
    }
    path(cls, d);
  }

  /** Draws a short tick under the plot area at every bucket where {@code marked(i)} holds. */
  void ticksBelow(BucketSeries s, String cls, java.util.function.IntPredicate marked) {
    StringBuilder d = new StringBuilder();
    for (int i = 0; i < s.buckets(); i++) {
      if (s.count(i) == 0 || !marked.test(i)) {
        continue;
      }
      double x = (left(s, i) + right(s, i)) / 2;
      d.append('M').append(num(x)).append(' ').append(TOP + PLOT_H).append("v-7");
    }
    path(cls, d);
  }

  /** Draws a triangle at the top edge of every bucket whose {@code over(i)} holds. */
  void overTop(BucketSeries s, String cls, java.util.function.IntPredicate over) {
    StringBuilder d = new StringBuilder();
    for (int i = 0; i < s.buckets(); i++) {
      if (s.count(i) == 0 || !over.test(i)) {
        continue;
      }
      double x = (left(s, i) + right(s, i)) / 2;
      d.append('M').append(num(x)).append(' ').append(TOP).append("l4 7h-8z");
    }
    path(cls, d);
  }

  /** Draws a horizontal line across the plot at {@code value} with a label at its right end. */
  void hline(double value, String cls, String label) {
    double y = py(value);
    b.append("<path class=\"")
        .append(cls)
        .append("\" d=\"M")
        .append(LEFT)
        .append(' ')
        .append(num(y))
        .append('H')
        .append(LEFT + PLOT_W)
        .append("\"/>");
    b.append("<text class=\"")
        .append(cls)
        .append("-label\" x=\"")
        .append(LEFT + PLOT_W - 4)
        .append("\" y=\"")
        .append(num(y - 4 < TOP + 10 ? y + 13 : y - 4))
        .append("\" text-anchor=\"end\">")
        .append(HtmlReport.escape(label))
        .append("</text>");
  }

  /** Ends the chart. */
  void close() {
    b.append("</svg>");
  }

  private double left(BucketSeries s, int i) {
    return px((double) s.start() + (double) i * s.bucketWidth());
  }

  private double right(BucketSeries s, int i) {
    return px((double) s.start() + (double) (i + 1) * s.bucketWidth());
  }

  private void text(double x, double y, String anchor, String text) {
    b.append("<text x=\"")
        .append(num(x))
        .append("\" y=\"")
        .append(num(y))
        .append("\" text-anchor=\"")
        .append(anchor)
        .append("\">")
        .append(HtmlReport.escape(text))
        .append("</text>");
  }

  private void path(String cls, StringBuilder d) {
    if (d.length() == 0) {
      return;
    }
    b.append("<path class=\"").append(cls).append("\" d=\"").append(d).append("\"/>");
  }

  /** A coordinate with at most one decimal. */
  static String num(double v) {
    long tenths = Math.round(v * 10);
    if (tenths % 10 == 0) {
      return Long.toString(tenths / 10);
    }
    long a = Math.abs(tenths);
    return (tenths < 0 ? "-" : "") + a / 10 + "." + a % 10;
  }

  /** A step of 1, 2 or 5 times a power of ten such that {@code range / step <= maxTicks}. */
  static double niceStep(double range, int maxTicks) {
    if (!(range > 0) || Double.isInfinite(range)) {
      return 1;
    }
    double raw = range / maxTicks;
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= raw) {
        return m * p;
      }
    }
    return 10 * p;
  }
}
