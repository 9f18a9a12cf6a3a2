package io.tether.core.time;

/** A clock for tests: each reading is {@code step} nanoseconds after the previous one. */
public final class ScriptedTicker implements Ticker {
  private final long step;
  private long now;

  public ScriptedTicker(long step) {
    this.step = step;
  }

  @Override
  public long nanos() {
    long t = now;
    now += step;
    return t;
  }
}
