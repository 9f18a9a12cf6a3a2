package io.tether.reward.labels;

import io.tether.reward.PreferencePair;
import java.util.Optional;

/**
 * One comparison to label: two responses of the policy to one prompt.
 *
 * @param id the pair id, unique in a run ({@code r003-0041}: round 3, pair 41)
 * @param prompt the prompt text as the policy saw it
 * @param responseA the first response
 * @param responseB the second response
 * @param policyVersion the policy checkpoint version that wrote both responses
 */
public record Comparison(String id, String prompt, String responseA, String responseB,
    long policyVersion) {
  public Comparison {
    if (id == null || id.isEmpty() || prompt == null || responseA == null
        || responseB == null) {
      throw new IllegalArgumentException("a comparison needs an id, a prompt and two responses");
    }
  }

  /** The id of pair {@code index} of refresh round {@code round}. */
  public static String id(long round, int index) {
    return id(String.format(java.util.Locale.ROOT, "r%03d", round), index);
  }

  /** The id of pair {@code index} of a set of pairs named {@code prefix}. */
  public static String id(String prefix, int index) {
    return String.format(java.util.Locale.ROOT, "%s-%04d", prefix, index);
  }

  /** The preference this choice states (full texts, prompt first); empty for a tie. */
  public Optional<PreferencePair> preference(Choice choice) {
    String a = prompt + responseA;
    String b = prompt + responseB;
    return switch (choice) {
      case A -> Optional.of(new PreferencePair(a, b));
      case B -> Optional.of(new PreferencePair(b, a));
      case TIE -> Optional.empty();
    };
  }
}
