package io.tether.core.config;

/**
 * The {@code eval} section: how often the current policy is sampled on the task's evaluation
 * prompts (never trained on) and scored, for {@code eval/*} metrics.
 *
 * @param every evaluate at iterations 0, k, 2k, ... and at the last one; 0: never
 * @param samples responses per evaluation, at the training temperature: every evaluation prompt
 *     sampled equally often, or a fresh sample of that many prompts when there are more
 */
public record EvalConfig(int every, int samples) {

  /** Validates every field; see the class description for the rules. */
  public EvalConfig {
    Check.atLeast("eval.every", every, 0);
    Check.atLeast("eval.samples", samples, 1);
  }

  /** Every 5 iterations, 256 samples. */
  public static EvalConfig defaults() {
    return new EvalConfig(5, 256);
  }

  /** Whether iteration {@code it} of a run of {@code iterations} is evaluated. */
  public boolean due(long it, long iterations) {
    return every > 0 && (it % every == 0 || it == iterations - 1);
  }
}
