package io.tether.deploy;

import io.tether.core.config.ConfigLoader;
import io.tether.core.config.TetherConfig;
import io.tether.deploy.run.Pipeline;
import io.tether.deploy.run.RunLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Shared by {@code quickstart}, {@code run} and {@code resume}. */
final class RunCommands {
  private RunCommands() {}

  /** The bundled quickstart config with {@code overrides} applied. */
  static TetherConfig quickstart(List<String> overrides) {
    try (InputStream in = RunCommands.class.getResourceAsStream("quickstart.yaml")) {
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return ConfigLoader.parse(yaml, "quickstart.yaml (bundled)", overrides);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The run directory: {@code --run-dir}, else {@code run.dir}, else runs/name-timestamp. */
  static RunLayout layout(TetherConfig c, Path runDir) {
    if (runDir != null) {
      return new RunLayout(runDir);
    }
    if (!c.run().dir().isEmpty()) {
      return new RunLayout(Path.of(c.run().dir()));
    }
    return RunLayout.fresh(c.run().name(), Clock.systemDefaultZone());
  }

  /** Runs the pipeline and prints where things went and the headline figures. */
  static int execute(TetherConfig c, RunLayout layout, PrintStream out) {
    out.println("tether: run directory " + layout.dir().toAbsolutePath());
    Pipeline.Outcome o = Pipeline.run(c, layout, out);
    Map<String, Object> s = o.summary();
    out.printf(Locale.ROOT, "tether: done in %.0f s. RM score %s -> %s, gold %s -> %s, KL %s;"
            + " fit score = %s + %s * sqrt(KL), R^2 %s; reward model held-out accuracy %s%n",
        (Double) s.get("wall_seconds"), fmt(s.get("sft.score")), fmt(s.get("final.score")),
        fmt(s.get("sft.gold_score")), fmt(s.get("final.gold_score")), fmt(s.get("final.kl")),
        fmt(s.get("fit.intercept")), fmt(s.get("fit.slope")), fmt(s.get("fit.r2")),
        fmt(s.get("reward_model.heldout_accuracy")));
    out.println("tether: metrics.csv, reward_vs_sqrt_kl.png/.svg, curves.png, summary.json in "
        + layout.dir());
    return 0;
  }

  private static String fmt(Object v) {
    return v instanceof Number n ? String.format(Locale.ROOT, "%.3f", n.doubleValue()) : "n/a";
  }
}
