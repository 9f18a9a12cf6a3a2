package io.tether.deploy.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's columns and how it marks a ratio that is not to be trusted. */
class BenchReportTest {
  private static final MachineInfo MACHINE =
      new MachineInfo("test cpu", 2, 8.0, "jvm", "djl", 2, 2);

  @Test
  void unreliableRowsSayWhyInsteadOfPrintingTheRatio() {
    BenchRow good = BenchRow.of(Section.GENERATION, "tiny b8 kv n8", "model_gflops", "GFLOP/s",
        "roofline", new Paired(Sample.of(1, 1.1, 0.9), Sample.of(10, 10, 10)),
        RatioBound.AT_MOST_ONE);
    BenchRow noisy = BenchRow.of(Section.SCORING, "tiny flight", "seq_per_s", "seq/s",
        "embedded", new Paired(Sample.of(100, 200, 300), Sample.of(250, 250, 250)),
        RatioBound.AT_MOST_ONE);
    BenchRow impossible = BenchRow.of(Section.GENERATION, "tiny b1 kv n8", "model_gflops",
        "GFLOP/s", "roofline_at_shape", new Paired(Sample.of(0.875), Sample.of(0.125)),
        RatioBound.AT_MOST_ONE);
    BenchReport report = new BenchReport(MACHINE, List.of(good, noisy, impossible), List.of(),
        1.0);

    List<String> text = report.text().lines().toList();
    String goodLine = line(text, "tiny b8 kv n8");
    assertTrue(goodLine.endsWith(" 0.10 0.1000"), goodLine);
    assertTrue(line(text, "tiny flight").endsWith("UNRELIABLE (spread 0.50)"), text.toString());
    assertTrue(line(text, "tiny b1 kv n8").endsWith("UNRELIABLE (ratio 7.000)"),
        text.toString());

    List<String> csv = report.csv().lines().filter(l -> !l.startsWith("#")).toList();
    assertEquals(BenchReport.HEADER, csv.get(0));
    assertEquals("generation,tiny b8 kv n8,model_gflops,1.00000,GFLOP/s,roofline,10.0000,"
        + "0.100000,0.100000,0.00000,true", csv.get(1));
    assertTrue(csv.get(2).endsWith(",0.800000,0.500000,0.00000,false"), csv.get(2));
    assertTrue(csv.get(3).endsWith(",7.00000,0.00000,0.00000,false"), csv.get(3));
  }

  private static String line(List<String> text, String scenario) {
    return text.stream().filter(l -> l.contains(scenario)).findFirst().orElseThrow();
  }
}
