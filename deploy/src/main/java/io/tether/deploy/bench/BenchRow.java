package io.tether.deploy.bench;

/**
 * One figure of the benchmark with the baseline it is compared with in the same run.
 *
 * @param section which part of the suite measured it ({@link Section#label()})
 * @param scenario what was measured, e.g. {@code small b32 kv}
 * @param metric the quantity, e.g. {@code tokens_per_s}
 * @param value the measured value
 * @param unit unit of {@code value}
 * @param baseline what {@code baselineValue} is, e.g. {@code no_kv} or {@code roofline_1024}
 * @param baselineValue the baseline in the same unit as the metric it is compared with
 * @param ratio {@code value / baselineValue} or the share/utilisation the row is about
 */
public record BenchRow(String section, String scenario, String metric, double value, String unit,
    String baseline, double baselineValue, double ratio) {

  /** A row whose ratio is value / baseline. */
  public static BenchRow vs(Section section, String scenario, String metric, double value,
      String unit, String baseline, double baselineValue) {
    return new BenchRow(section.label(), scenario, metric, value, unit, baseline, baselineValue,
        value / baselineValue);
  }
}
