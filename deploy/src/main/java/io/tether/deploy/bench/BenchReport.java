package io.tether.deploy.bench;

import io.tether.core.data.AtomicFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of one benchmark run: the machine, the rows and notes, as CSV and as a text table.
 *
 * <p>CSV: {@code # key: value} lines describing the machine, then a header {@code
 * section,scenario,metric,value,unit,baseline,baseline_value,ratio} and one line per row.
 */
public record BenchReport(MachineInfo machine, List<BenchRow> rows, List<String> notes,
    double wallSeconds) {

  public static final String HEADER =
      "section,scenario,metric,value,unit,baseline,baseline_value,ratio";

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
          r.unit(), quote(r.baseline()), num(r.baselineValue()), num(r.ratio()))).append('\n');
    }
    return out.toString();
  }

  public String text() {
    StringBuilder out = new StringBuilder(header(""));
    out.append(String.format(Locale.ROOT, "suite wall time: %.1f s%n", wallSeconds));
    out.append("figures: fastest of the timed repeats (matmul, generation), so that other work on"
        + " a shared machine disturbs them least\n\n");
    String fmt = "%-10s %-28s %-22s %12s %-8s %-22s %12s %9s%n";
    out.append(String.format(Locale.ROOT, fmt, "section", "scenario", "metric", "value", "unit",
        "baseline", "baseline", "ratio"));
    for (BenchRow r : rows) {
      out.append(String.format(Locale.ROOT, fmt, r.section(), r.scenario(), r.metric(),
          fmt(r.value()), r.unit(), r.baseline(), fmt(r.baselineValue()), fmt(r.ratio())));
    }
    notes.forEach(n -> out.append("note: ").append(n).append('\n'));
    return out.toString();
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
