package io.tether.core.config;

import io.tether.core.config.ConfigSchema.Section;

/** The message for a key a section does not have, with the closest valid key when one is near. */
final class UnknownKey {
  private UnknownKey() {}

  /** {@code unknown key; did you mean run.seed?} or {@code unknown key; valid keys: [...]}. */
  static String detail(Section section, String key) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : section.keys()) {
      int distance = distance(key, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    if (best != null && isClose(key, bestDistance)) {
      return "unknown key; did you mean " + ConfigSchema.join(section.path(), best) + "?";
    }
    String where = section.path().isEmpty() ? "" : " in " + section.path();
    return "unknown key; valid keys" + where + ": " + section.keys();
  }

  private static boolean isClose(String key, int distance) {
    return distance <= 2 && distance <= key.length() / 2;
  }

  /** Levenshtein distance, case-insensitive, with '-' treated as '_'. */
  static int distance(String a, String b) {
    String x = normalize(a);
    String y = normalize(b);
    int[] previous = new int[y.length() + 1];
    int[] current = new int[y.length() + 1];
    for (int j = 0; j <= y.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= x.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= y.length(); j++) {
        int substitute = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[y.length()];
  }

  private static String normalize(String key) {
    return key.toLowerCase(java.util.Locale.ROOT).replace('-', '_');
  }
}
