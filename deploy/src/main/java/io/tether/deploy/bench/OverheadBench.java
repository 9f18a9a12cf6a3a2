package io.tether.deploy.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.tether.core.djl.DjlRuntime;
import io.tether.core.djl.GradMode;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelPreset;
import io.tether.core.model.ModelSpec;
import io.tether.core.time.Ticker;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Per-op framework overhead: the time of one decode step at batch 1 (KV cache on) against the time
 * its FLOPs take at the square roofline, and against the latency of one trivial native op, which
 * turns the step time into an equivalent number of native calls. Each round runs the generation,
 * then the roofline and the native op.
 */
final class OverheadBench {

  /** The baseline side of one round. */
  private record Baselines(double squareGflops, double opMicros) {}

  List<BenchRow> run(BenchPlan plan) {
    int ops = plan.quick() ? 2_000 : 20_000;
    List<BenchRow> rows = new ArrayList<>();
    rows.add(BenchRow.self(Section.OVERHEAD, "1-element add", "native_op_us", "us",
        plan.rounds().repeat(() -> nativeOpMicros(ops))));
    for (ModelPreset p : plan.presets()) {
      ModelSpec spec = ModelSpec.of(p, 259, HeadKind.LM);
      try (GptModel model = GptModel.create(spec, 1)) {
        GenerationThroughput.warmUp(model, 1, plan.newTokens(), true);
        var runs = plan.longRounds().run(
            () -> GenerationThroughput.measure(model, 1, plan.newTokens(), true),
            () -> new Baselines(Ceilings.square(plan), nativeOpMicros(ops)));
        Sample stepMs = runs.measured(r -> 1e3 * r.seconds() / r.tokens());
        double flops = 2.0 * spec.matmulParameterCount();
        String name = p.name().toLowerCase(Locale.ROOT) + " b1 kv";
        rows.add(BenchRow.of(Section.OVERHEAD, name, "decode_step_ms", "ms",
            "flop_time_at_roofline", new Paired(stepMs,
                runs.baseline(x -> 1e3 * flops / (x.squareGflops() * 1e9))),
            RatioBound.AT_LEAST_ONE));
        rows.add(BenchRow.of(Section.OVERHEAD, name, "decode_step_us", "us", "native_op_us",
            new Paired(stepMs.map(ms -> ms * 1e3), runs.baseline(Baselines::opMicros)),
            RatioBound.AT_LEAST_ONE));
      }
    }
    return rows;
  }

  /** Mean latency of a 1-element add including its result's release, in µs. */
  static double nativeOpMicros(int n) {
    try (GradMode g = GradMode.off();
        NDManager nd = DjlRuntime.engine().newBaseManager()) {
      NDArray a = nd.ones(new Shape(1));
      NDArray b = nd.ones(new Shape(1));
      for (int i = 0; i < n / 4; i++) {
        a.add(b).close();
      }
      long t0 = Ticker.SYSTEM.nanos();
      for (int i = 0; i < n; i++) {
        a.add(b).close();
      }
      return Ticker.SYSTEM.secondsSince(t0) * 1e6 / n;
    }
  }
}
