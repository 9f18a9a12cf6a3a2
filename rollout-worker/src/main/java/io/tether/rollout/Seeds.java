package io.tether.rollout;

/**
 * Sampling seeds derived from (run seed, iteration, prompt id, sample index) with a SplitMix64
 * finaliser between the parts, so that a retried or speculative Spark task regenerates exactly
 * the same samples and nearby ids give unrelated streams.
 */
public final class Seeds {
  private Seeds() {}

  /** The seed of one sample. */
  public static long of(long runSeed, long iteration, long promptId, int sampleIndex) {
    long h = mix(runSeed ^ 0x9E3779B97F4A7C15L);
    h = mix(h ^ iteration);
    h = mix(h ^ promptId);
    return mix(h ^ sampleIndex);
  }

  /** SplitMix64's output function. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
