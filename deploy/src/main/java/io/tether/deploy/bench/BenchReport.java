package io.tether.deploy.bench;

import io.tether.core.data.AtomicFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of one benchmark run: the machine, the rows and notes, as CSV and as a text table.
 *
 * <p>CSV: {@code # key: value} lines describing the machine, then the header {@link #HEADER} and
 * one line per {@link BenchRow}: {@code value} and {@code baseline_value} are medians of repeats
 * taken in turn, {@code ratio} is their quotient, {@code value_spread} and {@code baseline_spread}
 * are interquartile range / median of each side's repeats (0: not timed), and {@code reliable} is
 * {@code false} when a spread is {@link Paired#MAX_SPREAD} or more or the ratio is physically
 * impossible (a utilisation above 1). The text table prints such a row's ratio as {@code
 * UNRELIABLE (spread 0.61)} or {@code UNRELIABLE (ratio 7.30)}.
 */
public record BenchReport(MachineInfo machine, List<BenchRow> rows, List<String> notes,
    double wallSeconds) {

  public static final String HEADER = "section,scenario,metric,value,unit,baseline,baseline_value,"
      + "ratio,value_spread,baseline_spread,reliable";

  private static final String TEXT_ROW = "%-10s %-28s %-22s %12s %-8s %-22s %12s %6s %s%n";

  public BenchReport {
    rows = List.copyOf(rows);
    notes = List.copyOf(notes);
  }

  /** Writes {@code bench.csv} and {@code bench.txt} into {@code dir}. */
  public void write(Path dir) {
    AtomicFiles.writeString(dir.resolve("bench.csv"), csv());
    AtomicFiles.writeString(dir.resolve("bench.txt"), text());
  }

  public String csv() {
    StringBuilder out = new StringBuilder(header("# "));
    out.append(HEADER).append('\n');
    for (BenchRow r : rows) {
      out.append(String.join(",", r.section(), quote(r.scenario()), r.metric(), num(r.value()),
          r.unit(), quote(r.baseline()), num(r.baselineValue()), num(r.ratio()),
          num(r.valueSpread()), num(r.baselineSpread()), Boolean.toString(r.reliable())))
          .append('\n');
    }
    return out.toString();
  }

  public String text() {
    StringBuilder out = new StringBuilder(header(""));
    out.append(String.format(Locale.ROOT, "suite wall time: %.1f s%n", wallSeconds));
    out.append(String.format(Locale.ROOT, "figures: medians of repeats taken in turn with their"
        + " baseline (A B A B ...); spread: interquartile range / median of the noisier side;"
        + " UNRELIABLE: a spread of %.2f or more, or a physically impossible ratio (a"
        + " utilisation above 1)%n%n",
        Paired.MAX_SPREAD));
    out.append(String.format(Locale.ROOT, TEXT_ROW, "section", "scenario", "metric", "value",
        "unit", "baseline", "baseline", "spread", "ratio"));
    for (BenchRow r : rows) {
      out.append(String.format(Locale.ROOT, TEXT_ROW, r.section(), r.scenario(), r.metric(),
          fmt(r.value()), r.unit(), r.baseline(), fmt(r.baselineValue()),
          String.format(Locale.ROOT, "%.2f", r.spread()), ratio(r)));
    }
    notes.forEach(n -> out.append("note: ").append(n).append('\n'));
    return out.toString();
  }

  /** The ratio, or why it is not to be trusted. */
  static String ratio(BenchRow r) {
    if (r.reliable()) {
      return fmt(r.ratio());
    }
    return r.spread() >= Paired.MAX_SPREAD
        ? String.format(Locale.ROOT, "UNRELIABLE (spread %.2f)", r.spread())
        : "UNRELIABLE (ratio " + fmt(r.ratio()) + ")";
  }

  private String header(String prefix) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> e : machine.asMap().entrySet()) {
      out.append(prefix).append(e.getKey()).append(": ").append(e.getValue()).append('\n');
    }
    return out.toString();
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }

  private static String fmt(double v) {
    double a = Math.abs(v);
    return String.format(Locale.ROOT, a >= 100 ? "%.1f" : a >= 1 ? "%.3f" : "%.4f", v);
  }

  private static String quote(String s) {
    return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }
}
