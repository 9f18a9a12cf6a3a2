package io.tether.deploy;

import io.tether.deploy.bench.MatmulRoofline;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tether roofline}: DJL float32 matmul GFLOP/s on this machine. */
@Command(
    name = "roofline",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = "Measure DJL float32 matmul throughput (GFLOP/s), the limit that generation and"
        + " learner throughput are compared with.")
final class RooflineCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--shape", split = ",",
      description = "Square sizes n to time as n x n x n products.")
  List<Integer> sizes = List.of(256, 512, 1024);

  @Option(names = "--repeats", description = "Timed products per size.")
  int repeats = 10;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.println("m,k,n,median_gflops,best_gflops");
    MatmulRoofline roofline = MatmulRoofline.systemClock();
    for (int n : sizes) {
      MatmulRoofline.Result r = roofline.measure(n, n, n, 3, repeats);
      out.printf(Locale.ROOT, "%d,%d,%d,%.1f,%.1f%n", r.m(), r.k(), r.n(), r.medianGflops(),
          r.bestGflops());
      out.flush();
    }
    return 0;
  }
}
