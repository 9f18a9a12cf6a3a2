package io.tether.core.task;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes the default task's prompts: the first few words of held-out review sentences (as in
 * Ziegler et al. 2019 / TRL's sentiment example), ending at the last word: the policy writes the
 * space before its first word, as a sub-word tokenizer keeps a word's leading space in the word's
 * token (a prompt ending in a space would ask for text the policy never saw in training). Each sentence gives between {@code minWords} and {@code maxWords} words (chosen by a
 * stable hash of the sentence) and never all of its words; sentences too short are skipped.
 */
public final class PromptMaker {
  private PromptMaker() {}

  /** One prompt per usable sentence, in order. */
  public static List<String> prompts(List<String> sentences, int minWords, int maxWords) {
    List<String> out = new ArrayList<>();
    for (String s : sentences) {
      String[] words = s.split(" ");
      int span = maxWords - minWords + 1;
      int n = Math.min(words.length - 1, minWords + Math.floorMod(s.hashCode(), span));
      if (n < minWords) {
        continue;
      }
      out.add(String.join(" ", java.util.Arrays.copyOf(words, n)));
    }
    return out;
  }
}
