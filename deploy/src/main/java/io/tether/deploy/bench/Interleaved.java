package io.tether.deploy.bench;

import io.tether.core.time.Ticker;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Measurement and baseline taken in turn, A B A B ..., so that load from other work on the machine
 * falls on both alike: a ratio of two figures taken minutes apart under different load can be
 * impossible (an MFU of 7 against a roofline measured while another job ran).
 *
 * @param warmups untimed rounds first (the first call at a new shape pays for allocations and JIT
 *     compilation); their results are dropped
 * @param repeats rounds kept
 */
public record Interleaved(int warmups, int repeats) {

  public Interleaved {
    if (warmups < 0 || repeats < 1) {
      throw new IllegalArgumentException(
          "warmups must be >= 0 and repeats >= 1, got " + warmups + ", " + repeats);
    }
  }

  /** What each side returned, in the order the rounds ran. */
  public record Runs<A, B>(List<A> measured, List<B> baseline) {
    public Runs {
      measured = List.copyOf(measured);
      baseline = List.copyOf(baseline);
    }

    public Sample measured(ToDoubleFunction<A> figure) {
      return sample(measured, figure);
    }

    public Sample baseline(ToDoubleFunction<B> figure) {
      return sample(baseline, figure);
    }

    public Paired paired(ToDoubleFunction<A> value, ToDoubleFunction<B> base) {
      return new Paired(measured(value), baseline(base));
    }

    private static <T> Sample sample(List<T> runs, ToDoubleFunction<T> figure) {
      return Sample.of(runs.stream().mapToDouble(figure).toArray());
    }
  }

  /** Calls {@code measured} then {@code baseline}, {@code warmups + repeats} times. */
  public <A, B> Runs<A, B> run(Supplier<A> measured, Supplier<B> baseline) {
    List<A> a = new ArrayList<>();
    List<B> b = new ArrayList<>();
    for (int i = 0; i < warmups + repeats; i++) {
      A x = measured.get();
      B y = baseline.get();
      if (i >= warmups) {
        a.add(x);
        b.add(y);
      }
    }
    return new Runs<>(a, b);
  }

  /** {@code warmups + repeats} calls of one figure with no baseline; the repeats kept. */
  public Sample repeat(DoubleSupplier figure) {
    return run(figure::getAsDouble, () -> 0.0).measured(Double::doubleValue);
  }

  /** Seconds {@code work} took. */
  public static double seconds(Runnable work) {
    long start = Ticker.SYSTEM.nanos();
    work.run();
    return Ticker.SYSTEM.secondsSince(start);
  }

  /** {@link #run} for two plain figures. */
  public Paired pair(DoubleSupplier measured, DoubleSupplier baseline) {
    return run(measured::getAsDouble, baseline::getAsDouble)
        .paired(Double::doubleValue, Double::doubleValue);
  }
}
