package io.tether.core.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress bar for a long stage: done/total, rate and ETA. On a terminal it redraws one line;
 * otherwise (CI logs, files) it prints a line at most every {@code quietMillis}. Time comes from an
 * injected clock so the output can be tested.
 */
public final class Progress implements AutoCloseable {
  private static final int WIDTH = 24;

  private final String label;
  private final String unit;
  private final long total;
  private final PrintStream out;
  private final boolean redraw;
  private final LongSupplier nanoClock;
  private final long quietNanos;
  private final long start;
  private long lastPrint = Long.MIN_VALUE;
  private long done;

  public Progress(String label, String unit, long total, PrintStream out, boolean redraw,
      LongSupplier nanoClock, long quietMillis) {
    this.label = label;
    this.unit = unit;
    this.total = total;
    this.out = out;
    this.redraw = redraw;
    this.nanoClock = nanoClock;
    this.quietNanos = quietMillis * 1_000_000L;
    this.start = nanoClock.getAsLong();
  }

  /** A bar on stderr: redrawn on a terminal, one line every 10 s otherwise. */
  public static Progress stderr(String label, String unit, long total) {
    boolean tty = System.console() != null;
    return new Progress(label, unit, total, System.err, tty, System::nanoTime, tty ? 200 : 10_000);
  }

  /** Marks {@code n} more units done. */
  public void advance(long n) {
    done += n;
    long now = nanoClock.getAsLong();
    if (done >= total || lastPrint == Long.MIN_VALUE || now - lastPrint >= quietNanos) {
      lastPrint = now;
      print(now);
    }
  }

  /** The current line, e.g. {@code sft [######------] 50/100 steps 12.5 steps/s ETA 0:04}. */
  public String line(long now) {
    double seconds = Math.max((now - start) / 1e9, 1e-9);
    double rate = done / seconds;
    int filled = total == 0 ? WIDTH : (int) Math.min(WIDTH, WIDTH * done / total);
    String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
    String eta = rate > 0 ? clock((long) Math.ceil((total - done) / rate)) : "?";
    return String.format(Locale.ROOT, "%s [%s] %d/%d %s %.1f %s/s ETA %s elapsed %s",
        label, bar, done, total, unit, rate, unit, eta, clock((long) seconds));
  }

  private void print(long now) {
    if (redraw) {
      out.print("\r" + line(now));
      out.flush();
    } else {
      out.println(line(now));
    }
  }

  private static String clock(long seconds) {
    Duration d = Duration.ofSeconds(Math.max(0, seconds));
    return d.toHours() > 0
        ? String.format(Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart())
        : String.format(Locale.ROOT, "%d:%02d", d.toMinutes(), d.toSecondsPart());
  }

  @Override
  public void close() {
    if (redraw) {
      out.println();
    }
  }
}
