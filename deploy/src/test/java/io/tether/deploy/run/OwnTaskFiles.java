package io.tether.deploy.run;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A user's own task as files, in the layouts a training team brings: multi-turn HH-RLHF records
 * as prompts, JSONL SFT texts, HH-RLHF preference pairs and separate evaluation prompts. The
 * preferred answers are positive, the rejected ones negative, so a reward model can learn them.
 */
public final class OwnTaskFiles {
  /** The training prompts' subjects; evaluation prompts use other ones. */
  static final String[] SUBJECTS = {"food", "film", "hotel", "book", "show", "trip", "band",
      "game"};
  static final String[] GOOD = {"great", "good", "lovely", "nice", "fun"};
  static final String[] BAD = {"bad", "awful", "dull", "boring", "poor"};

  private OwnTaskFiles() {}

  /** File name to JSONL content: prompts, sft, preferences, eval_prompts. */
  public static Map<String, String> contents() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("prompts.jsonl", prompts());
    files.put("sft.jsonl", sft());
    files.put("prefs.jsonl", preferences());
    files.put("eval_prompts.jsonl", evalPrompts());
    return files;
  }

  /** The multi-turn prompt of record {@code i} of prompts.jsonl, as a run must read it. */
  static String prompt(int i) {
    String s = SUBJECTS[i % SUBJECTS.length];
    return "\n\nHuman: The " + s + " " + i + "?\n\nAssistant: Yes.\n\nHuman: Was it"
        + " good?\n\nAssistant:";
  }

  /** The evaluation prompt of record {@code i} of eval_prompts.jsonl. */
  static String evalPrompt(int i) {
    return "\n\nHuman: The gig " + i + "?\n\nAssistant:";
  }

  private static String prompts() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      s.append(record("chosen", prompt(i) + " It was " + GOOD[i % 5] + ".", "rejected",
          prompt(i) + " It was " + BAD[i % 5] + "."));
    }
    return s.toString();
  }

  private static String sft() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      s.append(record("text", prompt(i) + " It was " + GOOD[i % 5] + ", really " + GOOD[
          (i + 2) % 5] + "."));
    }
    return s.toString();
  }

  private static String preferences() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      s.append(record("chosen", prompt(i) + " It was " + GOOD[i % 5] + ".", "rejected",
          prompt(i) + " It was " + BAD[(i / 5) % 5] + "."));
    }
    return s.toString();
  }

  private static String evalPrompts() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      s.append(record("prompt", evalPrompt(i)));
    }
    return s.toString();
  }

  private static String record(String... keyValues) {
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    var node = json.createObjectNode();
    for (int i = 0; i < keyValues.length; i += 2) {
      node.put(keyValues[i], keyValues[i + 1]);
    }
    return node + "\n";
  }
}
