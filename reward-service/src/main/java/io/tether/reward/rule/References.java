package io.tether.reward.rule;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The reference answers of a task's prompts, keyed by the prompt's tokens (training and
 * evaluation prompts may come from files whose record numbers overlap, their tokens identify them).
 * Shipped with the rollout tasks; small (one short string per prompt).
 */
public final class References implements Serializable {
  private static final long serialVersionUID = 1L;
  /** No references: every prompt has none. */
  public static final References NONE = new References(Map.of());

  private final Map<Key, String> byTokens;

  private References(Map<Key, String> byTokens) {
    this.byTokens = byTokens;
  }

  /** Collects references; the same prompt twice with different answers is an error. */
  public static final class Builder {
    private final Map<Key, String> map = new HashMap<>();

    /**
     * @param where names the prompt in the error (file and record)
     * @throws IllegalArgumentException when the same prompt tokens already have another answer
     */
    public Builder put(int[] promptTokens, String reference, String where) {
      String before = map.putIfAbsent(new Key(promptTokens.clone()), reference);
      if (before != null && !before.equals(reference)) {
        throw new IllegalArgumentException(where + ": the same prompt appears with reference \""
            + before + "\" and with \"" + reference + "\"; an exact_match rule needs one answer"
            + " per prompt");
      }
      return this;
    }

    public References build() {
      return new References(Map.copyOf(map));
    }
  }

  /** The reference of the prompt with these tokens, or null. */
  public String get(int[] promptTokens) {
    return byTokens.get(new Key(promptTokens));
  }

  /** Number of prompts with a reference. */
  public int size() {
    return byTokens.size();
  }

  private record Key(int[] tokens) implements Serializable {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(tokens, k.tokens);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(tokens);
    }
  }
}
