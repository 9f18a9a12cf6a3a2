package io.tether.deploy.bench;

import io.tether.core.generate.Generation;
import io.tether.core.generate.Generator;
import io.tether.core.generate.SamplingParams;
import io.tether.core.model.GptModel;
import io.tether.core.model.ModelSpec;
import io.tether.core.time.Ticker;
import java.util.ArrayList;
import java.util.List;

/**
 * Generation throughput of one model in one thread: sampled tokens per second at a batch size,
 * with or without the KV cache, and model-FLOPs utilisation (2 * matmul parameters * tokens /
 * time) against a roofline given by the caller.
 */
final class GenerationThroughput {

  /**
   * One measurement.
   *
   * @param seconds the whole call: prefill of the prompts, then one decode step per token
   * @param prefillSeconds the call's first pass: prefill of the prompts and the first draw
   */
  public record Result(int batch, boolean kvCache, long tokens,
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

  /**
   * An untimed run of a quarter of {@code newTokens} at {@code batch}: the first call at a new
   * shape pays for native allocations and JIT compilation (without it a section run alone read
   * ~30% lower).
   */
  static void warmUp(GptModel model, int batch, int newTokens, boolean kvCache) {
    measure(model, batch, Math.max(2, newTokens / 4), kvCache);
  }

  /** Generates {@code newTokens} tokens for {@code batch} prompts of 16 tokens, after a warm-up. */
  public static Result measure(GptModel model, int batch, int newTokens, boolean kvCache) {
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
    long start = Ticker.SYSTEM.nanos();
    List<Generation> out = g.generate(prompts, seeds, params, kvCache);
    double seconds = Ticker.SYSTEM.secondsSince(start);
    long tokens = out.stream().mapToLong(x -> x.tokens().length).sum();
    return new Result(batch, kvCache, tokens, seconds, g.lastPrefillSeconds());
  }
}
