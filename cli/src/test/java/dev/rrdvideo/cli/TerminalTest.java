package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the CLI recognizes a terminal and reads its width. */
class TerminalTest {
  @Test
  void terminalDevicesAreRecognizedByTheirPath() {
    assertThat(Terminal.isTerminalDevice("/dev/pts/3")).isTrue();
    assertThat(Terminal.isTerminalDevice("/dev/tty1")).isTrue();
    assertThat(Terminal.isTerminalDevice("/dev/null")).isFalse();
    assertThat(Terminal.isTerminalDevice("pipe:[12345]")).isFalse();
    assertThat(Terminal.isTerminalDevice("/home/me/out.txt")).isFalse();
  }

  @Test
  void theWidthIsAPositiveNumberOfColumnsOrNothing() {
    assertThat(Terminal.parseWidth("120")).isEqualTo(120);
    assertThat(Terminal.parseWidth(" 80\n")).isEqualTo(80);
    assertThat(Terminal.parseWidth("0")).isNull();
    assertThat(Terminal.parseWidth("-5")).isNull();
    assertThat(Terminal.parseWidth("wide")).isNull();
    assertThat(Terminal.parseWidth(null)).isNull();
  }

  @Test
  void testsDoNotRunOnATerminal() {
    // surefire's forked JVM writes to pipes: the fit-to-width path stays off in every other test
    assertThat(Terminal.stdout()).isFalse();
  }
}
