package io.tether.core.time;

import io.tether.core.time.Ticker;
import java.io.Serializable;

/**
 * Where a stage reads the time it reports: {@link #SYSTEM} in a run, a scripted one in a test.
 * Serializable, so a Spark task can carry the driver's.
 */
@FunctionalInterface
public interface Ticker extends Serializable {
  /** The JVM's monotonic clock, {@link System#nanoTime()}. */
  Ticker SYSTEM = System::nanoTime;

  /** Nanoseconds from an arbitrary origin; only differences mean anything. */
  long nanos();

  /** Seconds from {@code startNanos} (an earlier {@link #nanos()}) to now. */
  default double secondsSince(long startNanos) {
    return (nanos() - startNanos) / 1e9;
  }
}
