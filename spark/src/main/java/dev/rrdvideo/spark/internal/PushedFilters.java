package dev.rrdvideo.spark.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.sources.And;
import org.apache.spark.sql.sources.EqualNullSafe;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.IsNotNull;
import org.apache.spark.sql.sources.IsNull;
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
 * <p>Filters on other columns (times, sizes, ...) are not pushed: a row's {@code sample_index},
 * {@code gop_index} and {@code duration_ns} depend on the samples before and after it, so skipping
 * chunks by time would need the same decoding work.
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
      if (used) {
        pushed.add(f);
      }
    }
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
