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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Per-op framework overhead: the time of one decode step at batch 1 (KV cache on) against the time
 * its FLOPs take at the roofline, and the latency of one trivial native op, which turns the step
 * time into an equivalent number of native calls.
 */
final class OverheadBench {

  List<BenchRow> run(BenchPlan plan, double peak) {
    List<BenchRow> rows = new ArrayList<>();
    double opMicros = nativeOpMicros(plan.quick() ? 2_000 : 20_000);
    rows.add(new BenchRow(Section.OVERHEAD.label(), "1-element add", "native_op_us", opMicros,
        "us", "self", opMicros, 1));
    for (ModelPreset p : plan.presets()) {
      ModelSpec spec = ModelSpec.of(p, 259, HeadKind.LM);
      try (GptModel model = GptModel.create(spec, 1)) {
        var r = GenerationBench.best(model, p, 1, plan.newTokens(), true, plan.repeats());
        double stepMs = 1e3 * r.seconds() / r.tokens();
        double flopMs = 1e3 * 2.0 * spec.matmulParameterCount() / (peak * 1e9);
        String name = p.name().toLowerCase(Locale.ROOT) + " b1 kv";
        rows.add(BenchRow.vs(Section.OVERHEAD, name, "decode_step_ms", stepMs, "ms",
            "flop_time_at_roofline", flopMs));
        double ops = stepMs * 1e3 / opMicros;
        rows.add(new BenchRow(Section.OVERHEAD.label(), name, "step_in_native_ops", ops, "ops",
            "native_op_us", opMicros, ops));
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
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        a.add(b).close();
      }
      return (System.nanoTime() - t0) / 1e3 / n;
    }
  }
}
