package io.tether.core.bench;

import io.tether.core.generate.Generation;
import io.tether.core.generate.Generator;
import io.tether.core.generate.SamplingParams;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelPreset;
import io.tether.core.model.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Generation throughput of one model in one thread: sampled tokens per second at a batch size,
 * with or without the KV cache, and model-FLOPs utilisation (2 * matmul parameters * tokens /
 * time) against a roofline given by the caller.
 */
public final class GenerationThroughput {

  /**
   * One measurement.
   *
   * @param seconds the whole call: prefill of the prompts, then one decode step per token
   * @param prefillSeconds the call's first pass: prefill of the prompts and the first draw
   */
  public record Result(ModelPreset preset, int batch, boolean kvCache, long tokens,
      double seconds, double prefillSeconds) {
    public double tokensPerSecond() {
      return tokens / seconds;
    }

    /** 2 * N * tokens / time in GFLOP/s (N: matmul parameters; attention scores excluded). */
    public double modelGflops(ModelSpec spec) {
      return 2.0 * spec.matmulParameterCount() * tokens / seconds / 1e9;
    }

    /** Tokens after the first of each row over the time after the prefill (NaN if none). */
    public double decodeTokensPerSecond() {
      double decode = seconds - prefillSeconds;
      return tokens > batch && decode > 0 ? (tokens - batch) / decode : Double.NaN;
    }

    /** {@link #modelGflops} of the decode steps alone: what a step achieves once prompts are in. */
    public double decodeModelGflops(ModelSpec spec) {
      return 2.0 * spec.matmulParameterCount() * decodeTokensPerSecond() / 1e9;
    }
  }

  private GenerationThroughput() {}

  /** Generates {@code newTokens} tokens for {@code batch} prompts of 16 tokens, after a warm-up. */
  public static Result measure(GptModel model, ModelPreset preset, int batch, int newTokens,
      boolean kvCache) {
    List<int[]> prompts = new ArrayList<>();
    long[] seeds = new long[batch];
    for (int i = 0; i < batch; i++) {
      int[] p = new int[16];
      p[0] = 256;
      for (int j = 1; j < p.length; j++) {
        p[j] = 'a' + (i + j) % 26;
      }
      prompts.add(p);
      seeds[i] = i;
    }
    SamplingParams params = new SamplingParams(1.0, 0, 1.0, newTokens, false);
    Generator g = new Generator(model, 257, 258);
    g.generate(prompts.subList(0, 1), new long[] {0}, new SamplingParams(1, 0, 1, 4, false),
        kvCache);
    long start = System.nanoTime();
    List<Generation> out = g.generate(prompts, seeds, params, kvCache);
    double seconds = (System.nanoTime() - start) / 1e9;
    long tokens = out.stream().mapToLong(x -> x.tokens().length).sum();
    return new Result(preset, batch, kvCache, tokens, seconds, g.lastPrefillSeconds());
  }

  /** {@code GenerationThroughput [preset] [newTokens] [batch...]}: a CSV table on stdout. */
  public static void main(String[] args) {
    ModelPreset preset =
        ModelPreset.valueOf(args.length > 0 ? args[0].toUpperCase(Locale.ROOT) : "SMALL");
    int newTokens = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    List<Integer> batches = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      batches.add(Integer.parseInt(args[i]));
    }
    if (batches.isEmpty()) {
      batches = List.of(1, 8, 32);
    }
    ModelSpec spec = ModelSpec.of(preset, 259, HeadKind.LM);
    double roof = MatmulRoofline.systemClock().measure(1024, 1024, 1024, 3, 10).medianGflops();
    System.out.println("preset,batch,kv_cache,tokens,seconds,tokens_per_s,model_gflops,"
        + "roofline_gflops,mfu,decode_tokens_per_s,decode_mfu");
    try (GptModel model = GptModel.create(spec, 1)) {
      for (int b : batches) {
        for (boolean cache : new boolean[] {true, false}) {
          Result r = measure(model, preset, b, newTokens, cache);
          double gf = r.modelGflops(spec);
          System.out.printf(Locale.ROOT, "%s,%d,%s,%d,%.3f,%.1f,%.2f,%.1f,%.3f,%.1f,%.3f%n", preset,
              b, cache, r.tokens(), r.seconds(), r.tokensPerSecond(), gf, roof, gf / roof,
              r.decodeTokensPerSecond(), r.decodeModelGflops(spec) / roof);
        }
      }
    }
  }
}
