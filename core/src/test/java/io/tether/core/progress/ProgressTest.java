package io.tether.core.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

  @Test
  void reportsRateAndEtaFromTheInjectedClock() {
    AtomicLong now = new AtomicLong(0);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    try (Progress p = new Progress("sft", "steps", 100, out, false, now::get, 10_000)) {
      now.set(10_000_000_000L);
      p.advance(25);
      assertEquals(
          "sft [######------------------] 25/100 steps 2.5 steps/s ETA 0:30 elapsed 0:10",
          p.line(now.get()));
      now.set(12_000_000_000L);
      p.advance(5); // within the quiet period: no new line
      now.set(40_000_000_000L);
      p.advance(70);
    }
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(2, lines.length);
    assertEquals("sft [########################] 100/100 steps 2.5 steps/s ETA 0:00 elapsed 0:40",
        lines[1]);
  }
}
