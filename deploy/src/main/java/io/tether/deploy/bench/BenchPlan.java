package io.tether.deploy.bench;

import io.tether.core.model.ModelPreset;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What one benchmark run measures and at what size.
 *
 * @param quick the smoke subset: small shapes, few tokens, under a minute
 * @param sections the parts to run
 * @param presets model presets for generation and per-op overhead
 * @param batches generation batch sizes
 * @param newTokens tokens generated per sequence with the KV cache
 * @param learnerPreset the model the learner section trains
 * @param runDir a run directory whose metrics.csv gives the iteration breakdown, or null
 */
public record BenchPlan(boolean quick, Set<Section> sections, List<ModelPreset> presets,
    List<Integer> batches, int newTokens, ModelPreset learnerPreset, Path runDir) {

  public BenchPlan {
    sections = sections.isEmpty() ? EnumSet.noneOf(Section.class) : EnumSet.copyOf(sections);
    presets = List.copyOf(presets);
    batches = List.copyOf(batches);
    if (newTokens < 2) {
      throw new IllegalArgumentException("--new-tokens must be >= 2, got " + newTokens);
    }
    if (batches.stream().anyMatch(b -> b < 1)) {
      throw new IllegalArgumentException("--batches must be >= 1, got " + batches);
    }
  }

  public boolean runs(Section s) {
    return sections.contains(s);
  }

  /**
   * New tokens without the KV cache: fewer, since each step re-reads the whole sequence (half for
   * tiny and small, a quarter for base).
   */
  public int uncachedTokens(ModelPreset p) {
    return Math.max(2, p == ModelPreset.BASE ? newTokens / 4 : newTokens / 2);
  }

  /**
   * Rounds of measurement and baseline taken in turn for a figure that takes well under a second:
   * 5, so that the interquartile spread leaves out the one most disturbed round at each end.
   * Warm-ups are each section's own, shorter than a round.
   */
  public Interleaved rounds() {
    return new Interleaved(0, 5);
  }

  /**
   * Rounds for the figures that take seconds in the full suite (whole generation calls, training
   * steps, PPO updates, scoring passes): 3 there, which keeps the suite within its time (the
   * median still leaves out the one disturbed round, the spread does not), 5 in quick mode.
   */
  public Interleaved longRounds() {
    return quick ? rounds() : new Interleaved(0, 3);
  }

  /** Side of the square matmul taken as the machine's roofline. */
  public int rooflineSize() {
    return quick ? 512 : 1024;
  }
}
