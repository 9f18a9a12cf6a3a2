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
 * model-FLOPs utilisation (2 * matmul parameters * tokens / time) against two ceilings: the
 * square-matmul roofline, and the roofline at the decode step's own product shapes at that batch
 * size ({@link DecodeRoofline}), which is what the step's GEMMs can reach. The utilisation is given
 * over the whole call and over its decode steps alone (time after the prefill, tokens after each
 * row's first: time per output token, as serving systems report it). Each round runs the cached
 * generation, then the uncached one and both ceilings, so that all saw the same load.
 */
final class GenerationBench {
  /** Tokens per second with the KV cache at one preset and batch size. */
  record Cached(ModelPreset preset, int batch, Sample tokensPerSecond) {}

  /** The baseline side of one round. */
  private record Baselines(GenerationThroughput.Result noKv, Ceilings ceilings) {}

  private final List<Cached> cached = new ArrayList<>();

  List<BenchRow> run(BenchPlan plan) {
    List<BenchRow> rows = new ArrayList<>();
    for (ModelPreset p : plan.presets()) {
      ModelSpec spec = ModelSpec.of(p, 259, HeadKind.LM);
      try (GptModel model = GptModel.create(spec, 1)) {
        for (int b : plan.batches()) {
          rows.addAll(pair(model, p, b, plan));
        }
      }
    }
    return rows;
  }

  /** The KV-cache throughput at {@code preset} and {@code batch}, if it ran. */
  Optional<Sample> cached(ModelPreset preset, int batch) {
    return cached.stream().filter(c -> c.preset() == preset && c.batch() == batch)
        .map(Cached::tokensPerSecond).findFirst();
  }

  private List<BenchRow> pair(GptModel model, ModelPreset p, int b, BenchPlan plan) {
    ModelSpec spec = model.spec();
    int n = plan.newTokens();
    int plain = plan.uncachedTokens(p);
    GenerationThroughput.warmUp(model, b, n, true);
    GenerationThroughput.warmUp(model, b, plain, false);
    int shapeRepeats = plan.quick() ? 3 : 5;
    var runs = plan.longRounds().run(
        () -> GenerationThroughput.measure(model, b, n, true),
        () -> new Baselines(GenerationThroughput.measure(model, b, plain, false),
            Ceilings.measure(() -> DecodeRoofline.gflops(spec, b, MatmulRoofline.systemClock(),
                shapeRepeats), plan)));
    Sample kvRate = runs.measured(GenerationThroughput.Result::tokensPerSecond);
    cached.add(new Cached(p, b, kvRate));
    Sample gflops = runs.measured(r -> r.modelGflops(spec));
    Sample decode = runs.measured(r -> r.decodeModelGflops(spec));
    Sample square = runs.baseline(x -> x.ceilings().square());
    Sample atShape = runs.baseline(x -> x.ceilings().atShape());
    String name = p.name().toLowerCase(Locale.ROOT) + " b" + b;
    String kv = name + " kv n" + n;
    return List.of(
        BenchRow.of(Section.GENERATION, kv, "tokens_per_s", "tok/s", "no_kv n" + plain,
            new Paired(kvRate, runs.baseline(x -> x.noKv().tokensPerSecond())),
            RatioBound.POSITIVE),
        utilisation(kv, "model_gflops", gflops, "roofline", square),
        utilisation(kv, "model_gflops", gflops, "roofline_at_shape", atShape),
        utilisation(kv, "decode_model_gflops", decode, "roofline", square),
        utilisation(kv, "decode_model_gflops", decode, "roofline_at_shape", atShape),
        BenchRow.self(Section.GENERATION, name + " kv", "prefill_ms", "ms",
            runs.measured(r -> r.prefillSeconds() * 1e3)),
        utilisation(name + " no_kv n" + plain, "model_gflops",
            runs.baseline(x -> x.noKv().modelGflops(spec)), "roofline", square));
  }

  private static BenchRow utilisation(String scenario, String metric, Sample gflops,
      String ceiling, Sample ceilingGflops) {
    return BenchRow.of(Section.GENERATION, scenario, metric, "GFLOP/s", ceiling,
        new Paired(gflops, ceilingGflops), RatioBound.AT_MOST_ONE);
  }
}
