package dev.rrdvideo.live.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The history's garbage collection, on synthetic entries of known size and GOP structure. */
class MessageHubTest {
  private final List<String> log = new ArrayList<>();

  private static Entry entry(int queue, String video, boolean gopStart, int bytes, int tag) {
    byte[] b = new byte[bytes - 64]; // Entry counts 64 bytes of overhead
    b[0] = (byte) tag;
    return new Entry(queue == Entry.PERSISTENT ? 1 : 2, queue, Buffer.buffer(b), video, gopStart);
  }

  private static List<Integer> tags(Entry[] replay) {
    List<Integer> t = new ArrayList<>();
    for (Entry e : replay) {
      t.add((int) e.wire().getByte(0));
    }
    return t;
  }

  @Test
  void dropsWholeGopsOfEachVideoAndKeepsPersistentAndStatic() {
    MessageHub hub = new MessageHub(10_000, log::add);
    hub.append(entry(Entry.PERSISTENT, null, false, 1000, 1));
    hub.append(entry(Entry.STATIC, null, false, 1000, 2));
    // video "a": GOPs of 3 chunks (tags 10..), interleaved with video "b" GOPs of 2 (tags 50..)
    int ta = 10;
    int tb = 50;
    for (int g = 0; g < 4; g++) {
      for (int i = 0; i < 3; i++) {
        hub.append(entry(Entry.DISPOSABLE, "a", i == 0, 500, ta++));
        if (i < 2) {
          hub.append(entry(Entry.DISPOSABLE, "b", i == 0, 500, tb++));
        }
      }
    }
    // 2000 + 20 * 500 = 12000 > 10000: the oldest GOPs go whole
    Entry[] replay = hub.join(() -> {}).replay();
    List<Integer> t = tags(replay);
    assertThat(t.subList(0, 2)).containsExactly(1, 2);
    List<Integer> a = t.stream().filter(x -> x >= 10 && x < 50).toList();
    List<Integer> b = t.stream().filter(x -> x >= 50).toList();
    assertThat(a.get(0) - 10).as("video a starts on a GOP start").isEqualTo(3);
    assertThat(b.get(0) - 50).as("video b starts on a GOP start").isEqualTo(2);
    assertThat(a).containsExactly(13, 14, 15, 16, 17, 18, 19, 20, 21);
    assertThat(b).containsExactly(52, 53, 54, 55, 56, 57);
    assertThat(hub.stats().historyBytes()).isLessThanOrEqualTo(10_000);
    assertThat(hub.stats().droppedMessages()).isEqualTo(5);
    assertThat(log).hasSize(1);
  }

  @Test
  void afterAVideoLostItsHistoryOnlyAGopStartLetsItBackIn() {
    MessageHub hub = new MessageHub(1_600, log::add);
    hub.append(entry(Entry.DISPOSABLE, "v", true, 500, 1));
    hub.append(entry(Entry.DISPOSABLE, "v", false, 500, 2));
    hub.append(entry(Entry.DISPOSABLE, "v", false, 500, 3));
    hub.append(entry(Entry.DISPOSABLE, "v", false, 500, 4)); // over: the whole GOP 1..4 goes
    assertThat(hub.join(() -> {}).replay()).isEmpty();
    hub.append(entry(Entry.DISPOSABLE, "v", false, 500, 5)); // mid-GOP: live readers only
    assertThat(hub.join(() -> {}).replay()).isEmpty();
    hub.append(entry(Entry.DISPOSABLE, "v", true, 500, 6));
    hub.append(entry(Entry.DISPOSABLE, "v", false, 500, 7));
    assertThat(tags(hub.join(() -> {}).replay())).containsExactly(6, 7);
  }

  @Test
  void dataWithoutKnownGopStartsIsDroppedOldestFirst() {
    MessageHub hub = new MessageHub(1_000, log::add);
    for (int i = 1; i <= 5; i++) {
      hub.append(entry(Entry.DISPOSABLE, i % 2 == 0 ? "v" : null, false, 400, i));
    }
    assertThat(tags(hub.join(() -> {}).replay())).containsExactly(4, 5);
  }

  @Test
  void staticGoesOnlyWhenNothingDisposableIsLeftAndPersistentNever() {
    MessageHub hub = new MessageHub(1_000, log::add);
    hub.append(entry(Entry.PERSISTENT, null, false, 600, 1));
    hub.append(entry(Entry.STATIC, null, false, 300, 2));
    hub.append(entry(Entry.DISPOSABLE, null, false, 300, 3)); // over: 3 goes, 2 stays
    assertThat(tags(hub.join(() -> {}).replay())).containsExactly(1, 2);
    hub.append(entry(Entry.STATIC, null, false, 300, 4)); // over: the older static goes
    assertThat(tags(hub.join(() -> {}).replay())).containsExactly(1, 4);
    hub.append(entry(Entry.PERSISTENT, null, false, 600, 5)); // persistent alone exceeds it
    assertThat(tags(hub.join(() -> {}).replay())).containsExactly(1, 5);
    assertThat(log).hasSize(3);
  }

  @Test
  void noHistoryWithLimitZeroButLiveReadersFollowTheLog() {
    MessageHub hub = new MessageHub(0, log::add);
    int[] signals = {0};
    MessageHub.Join j = hub.join(() -> signals[0]++);
    hub.append(entry(Entry.PERSISTENT, null, false, 100, 1));
    hub.append(entry(Entry.DISPOSABLE, null, false, 100, 2));
    assertThat(j.replay()).isEmpty();
    assertThat(signals[0]).isEqualTo(2);
    Entry first = j.cursor().next;
    assertThat(first.wire().getByte(0)).isEqualTo((byte) 1);
    assertThat(first.next.wire().getByte(0)).isEqualTo((byte) 2);
    assertThat(hub.join(() -> {}).replay()).isEmpty();
  }
}
