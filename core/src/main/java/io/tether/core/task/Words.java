package io.tether.core.task;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Words as the default task counts them: split on whitespace, punctuation stripped from both
 * ends, case-folded; what is left empty is no word. Used to measure how much of what a policy
 * writes are words of its training corpus.
 */
public final class Words {
  private Words() {}

  /** The words of {@code text}, in order. */
  public static List<String> of(String text) {
    List<String> out = new ArrayList<>();
    for (String raw : text.split("\\s+")) {
      String w = strip(raw).toLowerCase(Locale.ROOT);
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  /** Every word of {@code texts}. */
  public static Set<String> vocabulary(Collection<String> texts) {
    Set<String> v = new HashSet<>();
    texts.forEach(t -> v.addAll(of(t)));
    return v;
  }

  /**
   * The share of the words of {@code texts} that are in {@code vocabulary}; NaN when there are
   * no words. {@code cut[i]} marks a text cut at the length limit: its last word may be cut too,
   * so it is not counted.
   */
  public static double fraction(List<String> texts, boolean[] cut, Set<String> vocabulary) {
    long words = 0;
    long known = 0;
    for (int i = 0; i < texts.size(); i++) {
      List<String> w = of(texts.get(i));
      int n = cut[i] && !endsWithSpace(texts.get(i)) ? w.size() - 1 : w.size();
      for (int j = 0; j < n; j++) {
        words++;
        known += vocabulary.contains(w.get(j)) ? 1 : 0;
      }
    }
    return words == 0 ? Double.NaN : (double) known / words;
  }

  private static boolean endsWithSpace(String s) {
    return !s.isEmpty() && Character.isWhitespace(s.charAt(s.length() - 1));
  }

  private static String strip(String w) {
    int a = 0;
    int b = w.length();
    while (a < b && !Character.isLetterOrDigit(w.codePointAt(a))) {
      a += Character.charCount(w.codePointAt(a));
    }
    while (b > a && !Character.isLetterOrDigit(w.codePointBefore(b))) {
      b -= Character.charCount(w.codePointBefore(b));
    }
    return w.substring(a, b);
  }
}
