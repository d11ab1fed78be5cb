package dev.rrdvideo.spark.internal;

import dev.rrdvideo.inspect.PtsRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.sources.And;
import org.apache.spark.sql.sources.EqualNullSafe;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.GreaterThanOrEqual;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.IsNotNull;
import org.apache.spark.sql.sources.IsNull;
import org.apache.spark.sql.sources.LessThan;
import org.apache.spark.sql.sources.LessThanOrEqual;
import org.apache.spark.sql.sources.Not;
import org.apache.spark.sql.sources.Or;
import org.apache.spark.sql.sources.StringContains;
import org.apache.spark.sql.sources.StringEndsWith;
import org.apache.spark.sql.sources.StringStartsWith;

/**
 * What the filters Spark pushes can save: files whose {@code path} makes a filter false are not
 * read, and an {@code entity = 'x'} filter restricts the scan to that entity. Filters are only used
 * to skip work that cannot give a matching row; Spark evaluates every filter again on the rows
 * (they are all returned as post-scan filters), so the result never depends on what is pushed.
 *
 * <p>Comparisons of {@code pts} and {@code pts_ns} with numbers ({@code <}, {@code <=}, {@code >},
 * {@code >=}, {@code =}, {@code IN}, and {@code AND} / {@code OR} of them) give time ranges: the
 * sample chunks of recordings that the footer index puts outside them need not be read ({@link
 * dev.rrdvideo.inspect.ScanOptions#ptsRange()}). Filters on other columns are not pushed.
 */
final class PushedFilters {
  private enum Tri {
    TRUE,
    FALSE,
    UNKNOWN
  }

  private final List<Filter> pathFilters = new ArrayList<>();
  private final List<Filter> pushed = new ArrayList<>();
  private String entity;
  private PtsRange pts;
  private PtsRange ptsNanos;

  /** Takes the filters (conjuncts) Spark offers. */
  PushedFilters(Filter[] filters) {
    for (Filter f : filters) {
      boolean used = false;
      if (Set.of(f.references()).contains(TableKind.PATH)) {
        // depends on the path: decided per file
        pathFilters.add(f);
        used = true;
      }
      if (entity == null
          && f instanceof EqualTo eq
          && eq.attribute().equals("entity")
          && eq.value() instanceof String v
          && InspectAdapter.isEntityPath(v)) {
        entity = v;
        used = true;
      }
      PtsRange r = range(f, PTS);
      if (r != null) {
        pts = pts == null ? r : pts.intersect(r);
        used = true;
      }
      r = range(f, PTS_NS);
      if (r != null) {
        ptsNanos = ptsNanos == null ? r : ptsNanos.intersect(r);
        used = true;
      }
      if (used) {
        pushed.add(f);
      }
    }
  }

  private static final String PTS = "pts";
  private static final String PTS_NS = "pts_ns";

  /** Returns the range of {@code pts} the filters allow, or null when they do not bound it. */
  PtsRange pts() {
    return pts;
  }

  /** Returns the range of {@code pts_ns} the filters allow, or null when they do not bound it. */
  PtsRange ptsNanos() {
    return ptsNanos;
  }

  /**
   * Returns the values of {@code attribute} for which {@code f} can be true (rows whose {@code
   * attribute} is null never pass), or null when {@code f} says nothing that simple about it.
   */
  static PtsRange range(Filter f, String attribute) {
    if (f instanceof And a) {
      PtsRange l = range(a.left(), attribute);
      PtsRange r = range(a.right(), attribute);
      return l == null ? r : r == null ? l : l.intersect(r);
    }
    if (f instanceof Or o) {
      PtsRange l = range(o.left(), attribute);
      PtsRange r = range(o.right(), attribute);
      if (l == null || r == null) {
        return null;
      }
      if (l.isEmpty()) {
        return r;
      }
      if (r.isEmpty()) {
        return l;
      }
      return new PtsRange(Math.min(l.min(), r.min()), Math.max(l.max(), r.max()));
    }
    if (f instanceof GreaterThan g && g.attribute().equals(attribute)) {
      Long v = integral(g.value());
      return v == null ? null : v == Long.MAX_VALUE ? EMPTY : new PtsRange(v + 1, Long.MAX_VALUE);
    }
    if (f instanceof GreaterThanOrEqual g && g.attribute().equals(attribute)) {
      Long v = integral(g.value());
      return v == null ? null : new PtsRange(v, Long.MAX_VALUE);
    }
    if (f instanceof LessThan l && l.attribute().equals(attribute)) {
      Long v = integral(l.value());
      return v == null ? null : v == Long.MIN_VALUE ? EMPTY : new PtsRange(Long.MIN_VALUE, v - 1);
    }
    if (f instanceof LessThanOrEqual l && l.attribute().equals(attribute)) {
      Long v = integral(l.value());
      return v == null ? null : new PtsRange(Long.MIN_VALUE, v);
    }
    if (f instanceof EqualTo e && e.attribute().equals(attribute)) {
      Long v = integral(e.value());
      return v == null ? null : new PtsRange(v, v);
    }
    if (f instanceof EqualNullSafe e && e.attribute().equals(attribute)) {
      Long v = integral(e.value());
      return v == null ? null : new PtsRange(v, v);
    }
    if (f instanceof In in && in.attribute().equals(attribute)) {
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (Object o : in.values()) {
        if (o == null) {
          continue; // never equal to anything
        }
        Long v = integral(o);
        if (v == null) {
          return null;
        }
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      return min > max ? EMPTY : new PtsRange(min, max);
    }
    return null;
  }

  private static final PtsRange EMPTY = new PtsRange(1, 0);

  private static Long integral(Object v) {
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    return null;
  }

  /** Returns the filters used to skip work. */
  Filter[] pushed() {
    return pushed.toArray(new Filter[0]);
  }

  /** Returns the entity of an {@code entity = ...} filter, or null. */
  String entity() {
    return entity;
  }

  /** Returns false if no row of the file at {@code path} can pass the filters. */
  boolean mayMatch(String path) {
    for (Filter f : pathFilters) {
      if (eval(f, path) == Tri.FALSE) {
        return false;
      }
    }
    return true;
  }

  /**
   * Evaluates {@code f} for a row whose {@code path} is {@code path} (never null) and whose other
   * columns are unknown; with {@code path} null, the path is unknown too.
   */
  private static Tri eval(Filter f, String path) {
    if (f instanceof And a) {
      Tri l = eval(a.left(), path);
      Tri r = eval(a.right(), path);
      if (l == Tri.FALSE || r == Tri.FALSE) {
        return Tri.FALSE;
      }
      return l == Tri.TRUE && r == Tri.TRUE ? Tri.TRUE : Tri.UNKNOWN;
    }
    if (f instanceof Or o) {
      Tri l = eval(o.left(), path);
      Tri r = eval(o.right(), path);
      if (l == Tri.TRUE || r == Tri.TRUE) {
        return Tri.TRUE;
      }
      return l == Tri.FALSE && r == Tri.FALSE ? Tri.FALSE : Tri.UNKNOWN;
    }
    if (f instanceof Not n) {
      Tri c = eval(n.child(), path);
      return c == Tri.TRUE ? Tri.FALSE : c == Tri.FALSE ? Tri.TRUE : Tri.UNKNOWN;
    }
    if (path == null) {
      return Tri.UNKNOWN;
    }
    if (f instanceof EqualTo e && isPath(e.attribute())) {
      return of(e.value() instanceof String v && v.equals(path));
    }
    if (f instanceof EqualNullSafe e && isPath(e.attribute())) {
      return of(e.value() instanceof String v && v.equals(path));
    }
    if (f instanceof In in && isPath(in.attribute())) {
      for (Object v : in.values()) {
        if (v instanceof String s && s.equals(path)) {
          return Tri.TRUE;
        }
      }
      return Tri.FALSE;
    }
    if (f instanceof StringStartsWith s && isPath(s.attribute())) {
      return of(path.startsWith(s.value()));
    }
    if (f instanceof StringEndsWith s && isPath(s.attribute())) {
      return of(path.endsWith(s.value()));
    }
    if (f instanceof StringContains s && isPath(s.attribute())) {
      return of(path.contains(s.value()));
    }
    if (f instanceof IsNotNull n && isPath(n.attribute())) {
      return Tri.TRUE;
    }
    if (f instanceof IsNull n && isPath(n.attribute())) {
      return Tri.FALSE;
    }
    return Tri.UNKNOWN;
  }

  private static boolean isPath(String attribute) {
    return TableKind.PATH.equals(attribute);
  }

  private static Tri of(boolean b) {
    return b ? Tri.TRUE : Tri.FALSE;
  }
}
