package io.tether.deploy.bench;

import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelPreset;
import io.tether.core.model.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Generation throughput per preset and batch size, with the KV cache against without it, and
 * model-FLOPs utilisation (2 * matmul parameters * tokens / time) against two ceilings measured in
 * the same run: the square-matmul roofline, and the roofline at the decode step's own product
 * shapes at that batch size ({@link DecodeRoofline}), which is what the step's GEMMs can reach.
 * The utilisation is given over the whole call and over its decode steps alone (time after the
 * prefill, tokens after each row's first: time per output token, as serving systems report it).
 */
final class GenerationBench {
  private final List<GenerationThroughput.Result> cached = new ArrayList<>();

  List<BenchRow> run(BenchPlan plan, double peak) {
    List<BenchRow> rows = new ArrayList<>();
    for (ModelPreset p : plan.presets()) {
      ModelSpec spec = ModelSpec.of(p, 259, HeadKind.LM);
      try (GptModel model = GptModel.create(spec, 1)) {
        for (int b : plan.batches()) {
          rows.addAll(pair(model, p, b, plan, peak));
        }
      }
    }
    return rows;
  }

  /** The KV-cache measurement at {@code preset} and {@code batch}, if it ran. */
  Optional<GenerationThroughput.Result> cached(ModelPreset preset, int batch) {
    return cached.stream().filter(r -> r.preset() == preset && r.batch() == batch).findFirst();
  }

  /**
   * The fastest of {@code repeats} runs, the least disturbed by other work on the machine, after
   * an untimed short run at the same batch size (the first call at a new shape pays for native
   * allocations and JIT compilation: without it a section run alone read ~30% lower).
   */
  static GenerationThroughput.Result best(GptModel model, ModelPreset p, int batch, int tokens,
      boolean kvCache, int repeats) {
    GenerationThroughput.measure(model, p, batch, Math.min(tokens, 8), kvCache);
    GenerationThroughput.Result best = null;
    for (int i = 0; i < repeats; i++) {
      var r = GenerationThroughput.measure(model, p, batch, tokens, kvCache);
      if (best == null || r.tokensPerSecond() > best.tokensPerSecond()) {
        best = r;
      }
    }
    return best;
  }

  private List<BenchRow> pair(GptModel model, ModelPreset p, int b, BenchPlan plan,
      double peak) {
    var kv = best(model, p, b, plan.newTokens(), true, plan.repeats());
    var plain = best(model, p, b, plan.uncachedTokens(p), false, p == ModelPreset.BASE ? 1
        : plan.repeats());
    cached.add(kv);
    String name = p.name().toLowerCase(Locale.ROOT) + " b" + b;
    ModelSpec spec = model.spec();
    double atShape = DecodeRoofline.gflops(spec, b, MatmulRoofline.systemClock(),
        plan.quick() ? 5 : 20);
    return List.of(
        BenchRow.vs(Section.GENERATION, name + " kv n" + plan.newTokens(), "tokens_per_s",
            kv.tokensPerSecond(), "tok/s", "no_kv n" + plan.uncachedTokens(p),
            plain.tokensPerSecond()),
        BenchRow.vs(Section.GENERATION, name + " kv n" + plan.newTokens(), "model_gflops",
            kv.modelGflops(spec), "GFLOP/s", "roofline", peak),
        BenchRow.vs(Section.GENERATION, name + " kv n" + plan.newTokens(), "model_gflops",
            kv.modelGflops(spec), "GFLOP/s", "roofline_at_shape", atShape),
        BenchRow.vs(Section.GENERATION, name + " kv n" + plan.newTokens(), "decode_model_gflops",
            kv.decodeModelGflops(spec), "GFLOP/s", "roofline", peak),
        BenchRow.vs(Section.GENERATION, name + " kv n" + plan.newTokens(), "decode_model_gflops",
            kv.decodeModelGflops(spec), "GFLOP/s", "roofline_at_shape", atShape),
        new BenchRow(Section.GENERATION.label(), name + " kv", "prefill_ms",
            kv.prefillSeconds() * 1e3, "ms", "self", kv.prefillSeconds() * 1e3, 1),
        BenchRow.vs(Section.GENERATION, name + " no_kv n" + plan.uncachedTokens(p),
            "model_gflops", plain.modelGflops(spec), "GFLOP/s", "roofline", peak));
  }
}
