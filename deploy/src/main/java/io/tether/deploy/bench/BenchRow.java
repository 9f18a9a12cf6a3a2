package io.tether.deploy.bench;

/**
 * One figure of the benchmark with the baseline it is compared with, both the medians of repeats
 * taken in turn in the same run ({@link Interleaved}).
 *
 * @param section which part of the suite measured it ({@link Section#label()})
 * @param scenario what was measured, e.g. {@code small b32 kv}
 * @param metric the quantity, e.g. {@code tokens_per_s}
 * @param value the median of the measured repeats
 * @param unit unit of {@code value}
 * @param baseline what {@code baselineValue} is, e.g. {@code no_kv} or {@code roofline_1024}
 * @param baselineValue the median of the baseline's repeats, in the unit of the value
 * @param ratio {@code value / baselineValue} (1 for a figure compared with itself)
 * @param valueSpread interquartile range / median of the value's repeats (0: not timed)
 * @param baselineSpread the same for the baseline
 * @param reliable both spreads under {@link Paired#MAX_SPREAD} and the ratio physically possible
 */
public record BenchRow(String section, String scenario, String metric, double value, String unit,
    String baseline, double baselineValue, double ratio, double valueSpread,
    double baselineSpread, boolean reliable) {

  /** A row for {@code figures}, the ratio checked against {@code bound}. */
  public static BenchRow of(Section section, String scenario, String metric, String unit,
      String baseline, Paired figures, RatioBound bound) {
    return new BenchRow(section.label(), scenario, metric, figures.value().median(), unit,
        baseline, figures.baseline().median(), figures.ratio(), figures.value().spread(),
        figures.baseline().spread(), figures.reliable(bound));
  }

  /** A figure with no baseline of its own: compared with itself, ratio 1. */
  public static BenchRow self(Section section, String scenario, String metric, String unit,
      Sample value) {
    return of(section, scenario, metric, unit, "self", Paired.self(value), RatioBound.POSITIVE);
  }

  /** The larger of the two spreads. */
  public double spread() {
    return Math.max(valueSpread, baselineSpread);
  }
}
