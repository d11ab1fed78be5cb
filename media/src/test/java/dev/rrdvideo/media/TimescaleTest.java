package dev.rrdvideo.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Timescale} against exact arithmetic (moved here with the class from format). */
class TimescaleTest {
  @Test
  void timescaleConversionsRoundHalfAwayFromZero() {
    Timescale ntsc = Timescale.of(30000);
    assertThat(ntsc.toNanos(1001)).isEqualTo(33_366_667L); // 33366666.67
    assertThat(Timescale.of(3).toNanos(1)).isEqualTo(333_333_333L);
    assertThat(Timescale.of(3).toNanos(2)).isEqualTo(666_666_667L);
    assertThat(Timescale.of(8).toNanos(1)).isEqualTo(125_000_000L);
    assertThat(Timescale.of(90000).toNanos(-3003)).isEqualTo(-33_366_667L);
    assertThat(Timescale.of(90000).fromNanos(33_366_667L)).isEqualTo(3003);
    assertThat(Timescale.of(1_000_000_000L).toNanos(123)).isEqualTo(123);
    for (long ts : new long[] {600, 1000, 15360, 30000, 90000, 12800, 8}) {
      for (long ticks = -50_000; ticks < 200_000; ticks += 997) {
        long exact =
            java.math.BigDecimal.valueOf(ticks)
                .multiply(java.math.BigDecimal.valueOf(1_000_000_000L))
                .divide(java.math.BigDecimal.valueOf(ts), 0, java.math.RoundingMode.HALF_UP)
                .longValueExact();
        assertThat(Timescale.of(ts).toNanos(ticks)).as("%d/%d", ticks, ts).isEqualTo(exact);
        // and back: every tick value survives the trip through nanoseconds
        assertThat(Timescale.of(ts).fromNanos(exact)).isEqualTo(ticks);
      }
      // Rerun computes round(ticks / ts * 1e9) in doubles; for frame-aligned ticks (multiples
      // of a typical frame duration) that is the same value
      long frame = ts == 15360 ? 512 : ts == 90000 ? 3000 : ts == 30000 ? 1001 : ts == 600 ? 20 : 1;
      for (long k = 0; k < 10_000; k++) {
        long ticks = k * frame;
        assertThat(Timescale.of(ts).toNanos(ticks))
            .isEqualTo(Math.round((double) ticks / ts * 1e9));
      }
    }
  }
}
