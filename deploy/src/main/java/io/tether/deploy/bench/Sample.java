package io.tether.deploy.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * The repeats of one figure: their median, and their spread as the interquartile range over the
 * median (quartiles interpolated linearly between the sorted values, as numpy's default does), so
 * that one disturbed repeat among five moves neither.
 *
 * @param values the repeats in the order they were taken
 */
public record Sample(List<Double> values) {

  public Sample {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("a sample needs at least one value");
    }
    values = List.copyOf(values);
  }

  public static Sample of(double... values) {
    return new Sample(Arrays.stream(values).boxed().toList());
  }

  /** A figure that is not timed (a byte count, a value read from a file): spread 0. */
  public static Sample exact(double value) {
    return of(value);
  }

  public double median() {
    return quantile(0.5);
  }

  /** (Q3 - Q1) / median; 0 for a single value. */
  public double spread() {
    return (quantile(0.75) - quantile(0.25)) / median();
  }

  /** The same repeats through {@code f}, e.g. seconds to a rate (the median is recomputed). */
  public Sample map(DoubleUnaryOperator f) {
    return of(values.stream().mapToDouble(Double::doubleValue).map(f).toArray());
  }

  /** The {@code q} quantile, linear between the closest ranks ({@code (n - 1) * q}). */
  double quantile(double q) {
    double[] s = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double pos = (s.length - 1) * q;
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, s.length - 1);
    return s[lo] + (pos - lo) * (s[hi] - s[lo]);
  }
}
