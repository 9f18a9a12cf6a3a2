package io.tether.core.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Fits a {@link BpeTokenizer} to a corpus: counts the corpus's pre-tokens, then repeatedly merges
 * the most frequent adjacent pair of tokens (ties: the smaller left id, then the smaller right
 * id), so the result depends only on the texts and the vocabulary size. Pair counts are updated
 * only in the pre-tokens a merge touches.
 */
public final class BpeTrainer {
  private final List<int[]> words = new ArrayList<>();
  private final List<Long> counts = new ArrayList<>();
  private final Map<Long, Long> pairCounts = new HashMap<>();
  private final Map<Long, Set<Integer>> where = new HashMap<>();
  private final PriorityQueue<long[]> queue = new PriorityQueue<>(BpeTrainer::order);

  private BpeTrainer(Map<String, Long> preTokens) {
    preTokens.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      byte[] b = e.getKey().getBytes(StandardCharsets.UTF_8);
      int[] ids = new int[b.length];
      for (int i = 0; i < b.length; i++) {
        ids[i] = b[i] & 0xFF;
      }
      words.add(ids);
      counts.add(e.getValue());
    });
  }

  /**
   * A tokenizer of at most {@code vocabSize} ids fitted to {@code texts}; fewer when no pair
   * occurs twice any more.
   *
   * @throws IllegalArgumentException when {@code vocabSize} is below 260 (bytes, three special
   *     tokens and one merge)
   */
  public static BpeTokenizer fit(Collection<String> texts, int vocabSize) {
    return fit(List.of(new Part(texts, 1)), vocabSize, false);
  }

  /**
   * Texts and their share of the fit: a part's pre-token counts are scaled so that the parts'
   * totals are in the proportion of their shares, as when each part is sampled that often.
   *
   * @param texts the texts of the part
   * @param share its weight, > 0
   */
  public record Part(Collection<String> texts, double share) {
    public Part {
      if (!(share > 0)) {
        throw new IllegalArgumentException("a part's share must be > 0, got " + share);
      }
    }
  }

  /**
   * As {@link #fit(Collection, int)}, the {@code parts} weighted by their shares.
   *
   * @param lowercase fit an uncased tokenizer: texts are lower-cased before they are counted, as
   *     {@link BpeTokenizer#normalize} does
   * @throws IllegalArgumentException when {@code vocabSize} is below 260 (bytes, three special
   *     tokens and one merge)
   */
  public static BpeTokenizer fit(List<Part> parts, int vocabSize, boolean lowercase) {
    if (vocabSize <= BpeTokenizer.FIRST_MERGE) {
      throw new IllegalArgumentException("vocabulary size " + vocabSize + " leaves no room for"
          + " merges: it must exceed " + BpeTokenizer.FIRST_MERGE);
    }
    Map<String, Long> all = new HashMap<>();
    double shares = parts.stream().mapToDouble(Part::share).sum();
    for (Part p : parts) {
      Map<String, Long> n = preTokens(p.texts(), lowercase);
      long total = n.values().stream().mapToLong(Long::longValue).sum();
      // one part: its counts as they are; several: totals in proportion of their shares
      double scale = parts.size() == 1 ? 1 : p.share() / shares * SCALE / Math.max(1, total);
      n.forEach((k, c) -> all.merge(k, Math.max(1, Math.round(c * scale)), Long::sum));
    }
    return new BpeTrainer(all).run(vocabSize - BpeTokenizer.FIRST_MERGE, lowercase);
  }

  /** Total weighted pre-token count of a fit of several parts. */
  private static final double SCALE = 1e8;

  /** How often each pre-token occurs in {@code texts}, lower-cased first when asked. */
  static Map<String, Long> preTokens(Collection<String> texts, boolean lowercase) {
    Map<String, Long> n = new HashMap<>();
    for (String t : texts) {
      Matcher m = ByteLevel.PRE_TOKENS.matcher(lowercase ? BpeTokenizer.lowerCase(t) : t);
      while (m.find()) {
        n.merge(m.group(), 1L, Long::sum);
      }
    }
    return n;
  }

  private BpeTokenizer run(int maxMerges, boolean lowercase) {
    for (int w = 0; w < words.size(); w++) {
      count(w, 1);
    }
    pairCounts.forEach((k, c) -> queue.add(new long[] {c, k}));
    int[] left = new int[maxMerges];
    int[] right = new int[maxMerges];
    int done = 0;
    while (done < maxMerges && !queue.isEmpty()) {
      long[] top = queue.poll();
      long now = pairCounts.getOrDefault(top[1], 0L);
      if (now != top[0]) {
        if (now > 0) {
          queue.add(new long[] {now, top[1]});
        }
        continue;
      }
      if (now < 2) {
        break;
      }
      left[done] = (int) (top[1] >>> 32);
      right[done] = (int) top[1];
      merge(top[1], BpeTokenizer.FIRST_MERGE + done);
      done++;
    }
    return new BpeTokenizer(java.util.Arrays.copyOf(left, done),
        java.util.Arrays.copyOf(right, done), lowercase);
  }

  /** Replaces the pair {@code key} by {@code id} in every pre-token holding it. */
  private void merge(long key, int id) {
    int a = (int) (key >>> 32);
    int b = (int) key;
    Set<Long> changed = new HashSet<>();
    for (int w : new ArrayList<>(where.remove(key))) {
      count(w, -1, changed);
      int[] ids = words.get(w);
      int[] out = new int[ids.length];
      int n = 0;
      for (int i = 0; i < ids.length; i++) {
        if (i + 1 < ids.length && ids[i] == a && ids[i + 1] == b) {
          out[n++] = id;
          i++;
        } else {
          out[n++] = ids[i];
        }
      }
      words.set(w, java.util.Arrays.copyOf(out, n));
      count(w, 1, changed);
    }
    pairCounts.remove(key);
    for (long k : changed) {
      long c = pairCounts.getOrDefault(k, 0L);
      if (c > 0) {
        queue.add(new long[] {c, k});
      }
    }
  }

  private void count(int w, int sign) {
    count(w, sign, null);
  }

  /** Adds ({@code sign} 1) or removes (-1) the pairs of pre-token {@code w}. */
  private void count(int w, int sign, Set<Long> changed) {
    int[] ids = words.get(w);
    long c = counts.get(w);
    for (int i = 0; i + 1 < ids.length; i++) {
      long k = BpeTokenizer.key(ids[i], ids[i + 1]);
      long v = pairCounts.getOrDefault(k, 0L) + sign * c;
      if (v <= 0) {
        pairCounts.remove(k);
      } else {
        pairCounts.put(k, v);
      }
      if (sign > 0) {
        where.computeIfAbsent(k, x -> new HashSet<>()).add(w);
      }
      if (changed != null) {
        changed.add(k);
      }
    }
  }

  /** Higher count first; ties: smaller key (left id, then right id). */
  private static int order(long[] x, long[] y) {
    int c = Long.compare(y[0], x[0]);
    return c != 0 ? c : Long.compare(x[1], y[1]);
  }
}
