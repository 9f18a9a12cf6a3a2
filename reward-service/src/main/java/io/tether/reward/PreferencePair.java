package io.tether.reward;

/**
 * One labelled comparison: the full text (prompt and response) the annotator preferred, and the
 * one it did not.
 */
public record PreferencePair(String chosen, String rejected) {
  public PreferencePair {
    if (chosen == null || rejected == null) {
      throw new IllegalArgumentException("chosen and rejected must be given");
    }
  }
}
