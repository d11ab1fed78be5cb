package dev.rrdvideo.live.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The proxy's memory: the history replayed to new readers and the arrival log live readers follow.
 *
 * <p>History has three queues replayed in this order (Rerun's message proxy does the same):
 * persistent (store infos, blueprints; never dropped), static chunks, disposable chunks. Over the
 * limit, the oldest disposable messages go first, then static ones. For video the drop is
 * GOP-aware: when the oldest sample chunk of a {@code VideoStream} entity goes, every following
 * chunk of that entity up to the next GOP start goes with it, and until a new GOP starts no further
 * sample chunk of it enters the history; so what a late reader gets of each video starts on a
 * keyframe. (An entity none of whose chunks was ever seen to start a GOP is dropped oldest first
 * like any other data.)
 *
 * <p>Thread-safe: producers append under one lock; readers are told through {@link
 * Reader#signal()}, never waited for.
 */
public final class MessageHub {
  /** A live reader; the hub only signals it. */
  public interface Reader {
    /** New entries are in the log (called on the producer's thread, must not block). */
    void signal();
  }

  /** What a new reader starts from: the replay and the log entry after which it goes live. */
  public record Join(Entry[] replay, Entry cursor) {}

  /** Counters. */
  public record Stats(
      long messages,
      long bytes,
      long historyMessages,
      long historyBytes,
      long droppedMessages,
      int readers) {}

  private static final int MAX_TRACKED_VIDEOS = 4096;

  private static final class Video {
    final ArrayDeque<Entry> entries = new ArrayDeque<>();
    boolean gopMode;
    boolean needsGopStart;
  }

  private final long limitBytes;
  private final Consumer<String> log;
  private final List<Entry> persistent = new ArrayList<>();
  private final ArrayDeque<Entry> statics = new ArrayDeque<>();
  private final ArrayDeque<Entry> disposable = new ArrayDeque<>();
  private final Map<String, Video> videos = new HashMap<>();
  private final CopyOnWriteArrayList<Reader> readers = new CopyOnWriteArrayList<>();
  private Entry tail = new Entry(0, Entry.PERSISTENT, null, null, false);
  private volatile long appendedBytes;
  private long messages;
  private long historyBytes;
  private long historyMessages;
  private long dropped;
  private boolean warnedDisposable;
  private boolean warnedStatic;
  private boolean warnedPersistent;

  /**
   * @param limitBytes history limit; 0 keeps no history (messages only go to connected readers)
   * @param log receives one line per notable event (limits reached)
   */
  public MessageHub(long limitBytes, Consumer<String> log) {
    this.limitBytes = limitBytes;
    this.log = log;
  }

  /** Appends an entry: into the history (then garbage-collects) and to every live reader. */
  public void append(Entry e) {
    synchronized (this) {
      appendedBytes += e.sizeBytes;
      e.endSeq = appendedBytes;
      messages++;
      tail.next = e;
      tail = e;
      if (limitBytes > 0) {
        keep(e);
        collect();
      }
    }
    for (Reader r : readers) {
      r.signal();
    }
  }

  private void keep(Entry e) {
    if (e.queue == Entry.PERSISTENT) {
      persistent.add(e);
    } else if (e.queue == Entry.STATIC) {
      statics.add(e);
    } else {
      if (e.videoKey != null) {
        Video v = videos.get(e.videoKey);
        if (v == null && videos.size() < MAX_TRACKED_VIDEOS) {
          v = new Video();
          videos.put(e.videoKey, v);
        }
        if (v != null) {
          if (e.gopStart) {
            v.gopMode = true;
            v.needsGopStart = false;
          } else if (v.needsGopStart) {
            return; // a late reader could not decode it: live readers only
          }
          v.entries.add(e);
        }
      }
      disposable.add(e);
    }
    historyBytes += e.sizeBytes;
    historyMessages++;
  }

  private void collect() {
    if (historyBytes <= limitBytes) {
      return;
    }
    while (historyBytes > limitBytes) {
      Entry e = disposable.pollFirst();
      if (e == null) {
        break;
      }
      if (e.dropped) {
        continue; // dropped earlier with the rest of its GOP
      }
      if (!warnedDisposable) {
        warnedDisposable = true;
        log.accept(
            "history limit of "
                + limitBytes
                + " bytes reached: dropping the oldest messages (whole GOPs of video); viewers"
                + " connecting from now on will not see the full history");
      }
      drop(e);
      Video v = e.videoKey == null ? null : videos.get(e.videoKey);
      if (v != null && v.entries.peekFirst() == e) {
        v.entries.pollFirst();
        if (v.gopMode) {
          while (!v.entries.isEmpty() && !v.entries.peekFirst().gopStart) {
            drop(v.entries.pollFirst());
          }
          if (v.entries.isEmpty()) {
            v.needsGopStart = true;
          }
        }
      }
    }
    while (historyBytes > limitBytes) {
      Entry e = statics.pollFirst();
      if (e == null) {
        break;
      }
      if (!warnedStatic) {
        warnedStatic = true;
        log.accept(
            "history limit of "
                + limitBytes
                + " bytes reached with only static data left: dropping old static messages too;"
                + " viewers connecting from now on will miss some static data");
      }
      drop(e);
    }
    if (historyBytes > limitBytes && !warnedPersistent) {
      warnedPersistent = true;
      log.accept(
          "the history holds more than its limit of "
              + limitBytes
              + " bytes in store infos and blueprints alone, which are never dropped");
    }
  }

  private void drop(Entry e) {
    e.dropped = true;
    e.wire = null;
    historyBytes -= e.sizeBytes;
    historyMessages--;
    dropped++;
  }

  /**
   * Registers a reader and returns what it starts from: the history in replay order (persistent,
   * static, disposable; each oldest first) and the log entry it goes live after. Taken atomically
   * with respect to appends, so the reader sees every message exactly once.
   */
  public synchronized Join join(Reader r) {
    int n = persistent.size() + statics.size() + disposable.size();
    Entry[] replay = new Entry[n];
    int i = 0;
    for (Entry e : persistent) {
      replay[i++] = e;
    }
    for (Entry e : statics) {
      replay[i++] = e;
    }
    for (Entry e : disposable) {
      if (!e.dropped) {
        replay[i++] = e;
      }
    }
    readers.add(r);
    return new Join(i == n ? replay : java.util.Arrays.copyOf(replay, i), tail);
  }

  /** Unregisters a reader. */
  public void leave(Reader r) {
    readers.remove(r);
  }

  /** Returns the bytes appended so far (live readers compare their position with it). */
  public long appendedBytes() {
    return appendedBytes;
  }

  /** Returns the counters. */
  public synchronized Stats stats() {
    return new Stats(
        messages, appendedBytes, historyMessages, historyBytes, dropped, readers.size());
  }
}
