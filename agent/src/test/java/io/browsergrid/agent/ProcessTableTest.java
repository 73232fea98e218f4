package io.browsergrid.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessTableTest {
  private final ProcessTable table = new ProcessTable();

  @Test
  void readsThisJvm() {
    long self = ProcessHandle.current().pid();

    assertThat(table.entry(self)).hasValueSatisfying(entry -> {
      assertThat(entry.running()).isTrue();
      assertThat(entry.ppid()).isEqualTo(ProcessHandle.current().parent().orElseThrow().pid());
    });
    assertThat(table.entries()).anyMatch(entry -> entry.pid() == self);
    assertThat(table.commandLine(self)).isNotEmpty();
    assertThat(table.environmentVariable(self, "PATH")).contains(System.getenv("PATH"));
  }

  @Test
  void aMissingProcessIsEmptyNotAnError() {
    assertThat(table.entry(Long.MAX_VALUE)).isEmpty();
    assertThat(table.commandLine(Long.MAX_VALUE)).isEmpty();
    assertThat(table.environmentVariable(Long.MAX_VALUE, "PATH")).isEmpty();
  }
}
