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

  /** Timed runs per generation figure, of which the fastest is kept. */
  public int repeats() {
    return quick ? 1 : 2;
  }

  /** Side of the square matmul taken as the machine's roofline. */
  public int rooflineSize() {
    return quick ? 512 : 1024;
  }
}
