package io.tether.deploy.bench;

import java.util.Locale;

/** The parts of the benchmark suite, in the order they run. */
public enum Section {
  ROOFLINE,
  GENERATION,
  OVERHEAD,
  LEARNER,
  SCORING,
  HF_SHAPES,
  TRANSFER,
  ITERATION;

  /** The lower-case name used in {@code --only} and in the CSV. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
