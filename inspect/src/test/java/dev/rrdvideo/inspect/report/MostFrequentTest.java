package dev.rrdvideo.inspect.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MostFrequentTest {
  @Test
  void theFramePeriodWinsOverGapsAndJitter() {
    MostFrequent m = new MostFrequent();
    for (int i = 0; i < 1000; i++) {
      m.add(33_333);
      if (i % 10 == 0) {
        m.add(66_667); // a dropped frame every ten
      }
      if (i % 3 == 0) {
        m.add(30_000 + i); // jitter: a different value each time
      }
    }
    assertThat(m.mode()).isEqualTo(33_333);
  }

  @Test
  void withFewerValuesThanCountersTheMostFrequentIsExact() {
    MostFrequent m = new MostFrequent();
    long[] values = {5, 7, 7, 9, 7, 5};
    for (long v : values) {
      m.add(v);
    }
    assertThat(m.mode()).isEqualTo(7);
    m.clear();
    assertThat(m.isEmpty()).isTrue();
  }
}
