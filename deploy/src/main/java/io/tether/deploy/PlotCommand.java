package io.tether.deploy;

import io.tether.deploy.report.LinearFit;
import io.tether.deploy.report.MetricsTable;
import io.tether.deploy.report.Plots;
import io.tether.deploy.run.RunLayout;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tether plot <run-dir>}: redraw a run's plots from its metrics.csv. */
@Command(name = "plot", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Redraw reward_vs_sqrt_kl.png/.svg and curves.png from a run's metrics.csv.")
final class PlotCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", description = "The run directory.")
  Path runDir;

  @Override
  public Integer call() {
    RunLayout layout = new RunLayout(runDir);
    MetricsTable t = MetricsTable.read(layout.metricsCsv());
    Plots.writeAll(t, layout.dir());
    LinearFit f = Plots.scoreFit(t);
    spec.commandLine().getOut().printf(Locale.ROOT,
        "wrote reward_vs_sqrt_kl.png, reward_vs_sqrt_kl.svg, curves.png in %s (%d iterations);"
            + " RM score = %.4f + %.4f * sqrt(KL), R^2 = %.4f%n",
        layout.dir(), t.rows().size(), f.intercept(), f.slope(), f.r2());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
