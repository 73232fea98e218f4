package io.browsergrid.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChromiumStderrTest {

  @Test
  void findsTheDevToolsUrlAndKeepsTheLastLines() {
    String noise = IntStream.range(0, 30).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
    ChromiumStderr stderr = read("[0101/000000.0:ERROR] something\n"
        + "DevTools listening on ws://127.0.0.1:41234/devtools/browser/0b2f-aa\n" + noise + "\n");

    assertThat(stderr.devToolsUrl()).isCompletedWithValue(URI.create("ws://127.0.0.1:41234/devtools/browser/0b2f-aa"));
    assertThat(stderr.drained()).isCompleted();
    assertThat(stderr.tail().split("\n")).hasSize(ChromiumStderr.TAIL_LINES).startsWith("line 10").endsWith("line 29");
  }

  @Test
  void withoutTheLineTheUrlNeverComes() {
    ChromiumStderr stderr = read("setsid: failed to execute /nope: No such file or directory\n");

    assertThat(stderr.devToolsUrl()).isNotDone();
    assertThat(stderr.tail()).isEqualTo("setsid: failed to execute /nope: No such file or directory");
  }

  @Test
  void anUnreadableUrlFailsTheUrlButDrainingGoesOn() {
    ChromiumStderr stderr = read("DevTools listening on ws://bad host/\nlater line\n");

    assertThat(stderr.devToolsUrl()).isCompletedExceptionally();
    assertThat(stderr.tail()).endsWith("later line");
  }

  private static ChromiumStderr read(String text) {
    ChromiumStderr stderr = new ChromiumStderr(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    stderr.run();
    return stderr;
  }
}
