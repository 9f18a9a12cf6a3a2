package io.tether.learner;

import io.tether.core.arrow.Rollout;
import io.tether.core.arrow.ScoredRollout;
import io.tether.core.generate.Generation;
import io.tether.core.generate.Generator;
import io.tether.core.generate.SamplingParams;
import io.tether.core.model.GptModel;
import io.tether.core.model.ResponseBatch;
import io.tether.core.model.TokenLogprobs;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A toy RL task run in-process: prompts of a few random letters; the score of a response is the
 * fraction of its tokens that are ASCII digits. An untrained byte model scores about 10/259.
 */
final class ToyTask {
  static final int BOS = 256;
  static final int EOS = 257;
  static final int PAD = 258;

  private ToyTask() {}

  static double score(int[] response) {
    int digits = 0;
    for (int t : response) {
      digits += t >= '0' && t <= '9' ? 1 : 0;
    }
    return response.length == 0 ? 0 : digits / (double) response.length;
  }

  static List<int[]> prompts(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int[] p = new int[1 + 1 + r.nextInt(4)];
      p[0] = BOS;
      for (int j = 1; j < p.length; j++) {
        p[j] = 'a' + r.nextInt(26);
      }
      out.add(p);
    }
    return out;
  }

  /** Samples, reference log-probs and scores for one iteration. */
  static List<ScoredRollout> rollouts(GptModel policy, GptModel reference, List<int[]> prompts,
      SamplingParams params, long iteration, long version) {
    long[] seeds = new long[prompts.size()];
    for (int i = 0; i < seeds.length; i++) {
      seeds[i] = iteration * 1_000_003L + i;
    }
    List<Generation> gens = new Generator(policy, EOS, PAD).generate(prompts, seeds, params, true);
    List<int[]> responses = gens.stream().map(Generation::tokens).toList();
    List<float[]> ref = TokenLogprobs.of(reference, ResponseBatch.of(prompts, responses, PAD),
        params.temperature());
    List<ScoredRollout> out = new ArrayList<>();
    for (int i = 0; i < gens.size(); i++) {
      Generation g = gens.get(i);
      Rollout r = new Rollout(i, prompts.get(i), 0, version, g.tokens(), g.logprobs(), ref.get(i),
          g.finished());
      out.add(new ScoredRollout(r, (float) score(g.tokens()), null));
    }
    return out;
  }

  /**
   * {@code g} samples of each prompt as one group: rollout i is sample {@code i % g} of prompt
   * {@code i / g}, as the rollout stage numbers them.
   */
  static List<ScoredRollout> groupRollouts(GptModel policy, GptModel reference,
      List<int[]> prompts, int g, SamplingParams params, long iteration) {
    List<int[]> repeated = new ArrayList<>();
    for (int[] p : prompts) {
      for (int s = 0; s < g; s++) {
        repeated.add(p);
      }
    }
    List<ScoredRollout> out = new ArrayList<>();
    for (ScoredRollout s : rollouts(policy, reference, repeated, params, iteration, iteration)) {
      Rollout r = s.rollout();
      int i = (int) r.promptId();
      out.add(new ScoredRollout(new Rollout(i / g, r.promptTokens(), i % g, r.policyVersion(),
          r.responseTokens(), r.logprobs(), r.refLogprobs(), r.finished()), s.score(), null));
    }
    return out;
  }
}
