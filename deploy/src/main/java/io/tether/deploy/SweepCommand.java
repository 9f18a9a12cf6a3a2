package io.tether.deploy;

import io.tether.core.config.ConfigException;
import io.tether.core.config.TetherConfig;
import io.tether.deploy.report.SweepReport;
import io.tether.deploy.run.Pipeline;
import io.tether.deploy.run.RunLayout;
import io.tether.deploy.run.SharedSetup;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tether sweep --set key=v1,v2,...}: one run per value of one key, one after the other
 * (each resumable: a run directory with checkpoints is continued), then the sweep's figures and
 * table ({@link SweepReport}). When the key acts after the set-up (a learner, KL or refresh key),
 * the later runs start from the first run's set-up ({@link SharedSetup}).
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Run the config once per value of one key (--set key=v1,v2,...; other --set"
        + " options apply to every run) and draw the runs on one reward-vs-sqrt(KL) and one"
        + " gold-vs-sqrt(KL) figure with a table of their fits (sweep.md, sweep.csv). When the"
        + " swept key acts after the set-up (learner.*, run.iterations, reward.refresh_*, ...),"
        + " the later runs reuse the first run's SFT policy and reward model.")
final class SweepCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--config", description = "The runs' YAML config (default: the bundled"
      + " quickstart.yaml).")
  Path config;

  @Option(names = "--dir", description = "The sweep's directory; each run in <dir>/<key>=<value>"
      + " (default: runs/sweep-<time>).")
  Path dir;

  @Mixin ConfigOverrides overrides;

  /** The swept key and its values, and the overrides every run shares. */
  record Plan(String key, List<String> values, List<String> shared) {

    /** Finds the one {@code --set} with a comma-separated list of values. */
    static Plan of(List<String> overrides) {
      List<String> shared = new ArrayList<>();
      Plan plan = null;
      for (String o : overrides) {
        int eq = o.indexOf('=');
        if (eq > 0 && o.indexOf(',', eq) > 0) {
          if (plan != null) {
            throw new IllegalArgumentException("sweep one key at a time: both " + plan.key()
                + " and " + o.substring(0, eq) + " have lists of values");
          }
          plan = new Plan(o.substring(0, eq), List.of(o.substring(eq + 1).split(",")), shared);
        } else {
          shared.add(o);
        }
      }
      if (plan == null) {
        throw new IllegalArgumentException("nothing to sweep: give one --set key=v1,v2,...");
      }
      return plan;
    }
  }

  @Override
  public Integer call() {
    Plan plan = Plan.of(overrides.list());
    Path root = dir != null ? dir
        : RunLayout.fresh("sweep", Clock.systemDefaultZone()).dir();
    List<SweepReport.Run> runs = new ArrayList<>();
    RunLayout first = null;
    for (String value : plan.values()) {
      List<String> set = new ArrayList<>(plan.shared());
      set.add(plan.key() + "=" + value);
      TetherConfig c = RunCommands.load(config, set);
      if (!c.run().checkpointDir().isEmpty()) {
        throw new ConfigException("run.checkpoint_dir", "run.checkpoint_dir is "
            + c.run().checkpointDir() + ": a sweep's runs would share one checkpoint store;"
            + " leave it empty (each run keeps its checkpoints in its own directory)");
      }
      String label = plan.key() + "=" + value;
      RunLayout layout = new RunLayout(root.resolve(label));
      System.out.println("tether sweep: " + label + " in " + layout.dir().toAbsolutePath());
      if (first != null && SharedSetup.keeps(plan.key())
          && SharedSetup.copy(first, layout)) {
        System.out.println("tether sweep: " + label + " starts from the set-up of "
            + first.dir().getFileName() + " (" + plan.key() + " acts after the set-up)");
      }
      runs.add(new SweepReport.Run(label, Pipeline.run(c, layout, System.out).metrics()));
      first = first == null ? layout : first;
    }
    SweepReport.write(runs, root);
    spec.commandLine().getOut().println("tether sweep: " + runs.size() + " runs; sweep.md,"
        + " sweep.csv, sweep_reward_vs_sqrt_kl.png/.svg, sweep_gold_vs_sqrt_kl.png/.svg in "
        + root.toAbsolutePath());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
