package io.tether.core.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * The fitted byte-level BPE against plain re-implementations written here: a trainer that
 * recounts every pair of the whole corpus before each merge, and an encoder that applies the
 * merges one after another in rank order over each pre-token.
 */
class BpeTokenizerTest {
  private static final List<String> CORPUS = corpus();

  private static List<String> corpus() {
    String[] words = {"the", "then", "there", "movie", "movies", "great", "greatest", "bad",
        "badly", "not", "nothing", "was", "wasn't", "it's", "film", "films", "café", "naïve"};
    SplittableRandom r = new SplittableRandom(5);
    List<String> texts = new ArrayList<>();
    for (int t = 0; t < 60; t++) {
      StringBuilder s = new StringBuilder();
      int n = 3 + r.nextInt(12);
      for (int i = 0; i < n; i++) {
        s.append(i == 0 ? "" : r.nextInt(9) == 0 ? ",  " : " ").append(words[r.nextInt(
            words.length)]);
      }
      texts.add(s.append(r.nextBoolean() ? "." : "!").toString());
    }
    return texts;
  }

  /** Pre-tokens of the corpus as byte-id lists with their counts. */
  private static Map<List<Integer>, Integer> words(List<String> texts) {
    Map<List<Integer>, Integer> out = new HashMap<>();
    for (String t : texts) {
      Matcher m = ByteLevel.PRE_TOKENS.matcher(t);
      while (m.find()) {
        List<Integer> ids = new ArrayList<>();
        for (byte b : m.group().getBytes(StandardCharsets.UTF_8)) {
          ids.add(b & 0xFF);
        }
        out.merge(ids, 1, Integer::sum);
      }
    }
    return out;
  }

  /** The reference trainer: recount all pairs, take the most frequent (smallest ids on ties). */
  private static List<int[]> referenceMerges(List<String> texts, int maxMerges) {
    Map<List<Integer>, Integer> words = words(texts);
    List<int[]> merges = new ArrayList<>();
    while (merges.size() < maxMerges) {
      Map<List<Integer>, Long> pairs = new HashMap<>();
      words.forEach((w, c) -> {
        for (int i = 0; i + 1 < w.size(); i++) {
          pairs.merge(List.of(w.get(i), w.get(i + 1)), (long) c, Long::sum);
        }
      });
      List<Integer> best = null;
      long bestCount = 1;
      for (var e : pairs.entrySet()) {
        List<Integer> p = e.getKey();
        long c = e.getValue();
        boolean smaller = best != null && (p.get(0) < best.get(0)
            || (p.get(0).equals(best.get(0)) && p.get(1) < best.get(1)));
        if (c > bestCount || (c == bestCount && c > 1 && smaller)) {
          best = p;
          bestCount = c;
        }
      }
      if (best == null) {
        break;
      }
      int id = BpeTokenizer.FIRST_MERGE + merges.size();
      merges.add(new int[] {best.get(0), best.get(1)});
      Map<List<Integer>, Integer> next = new HashMap<>();
      for (var e : words.entrySet()) {
        next.merge(replace(e.getKey(), best.get(0), best.get(1), id), e.getValue(),
            Integer::sum);
      }
      words = next;
    }
    return merges;
  }

  private static List<Integer> replace(List<Integer> w, int a, int b, int id) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < w.size(); i++) {
      if (i + 1 < w.size() && w.get(i) == a && w.get(i + 1) == b) {
        out.add(id);
        i++;
      } else {
        out.add(w.get(i));
      }
    }
    return out;
  }

  /** The reference encoder: every merge in rank order, over each pre-token. */
  private static List<Integer> referenceEncode(BpeTokenizer t, String text) {
    List<Integer> out = new ArrayList<>();
    Matcher m = ByteLevel.PRE_TOKENS.matcher(text);
    while (m.find()) {
      List<Integer> w = new ArrayList<>();
      for (byte b : m.group().getBytes(StandardCharsets.UTF_8)) {
        w.add(b & 0xFF);
      }
      for (int r = 0; r < t.merges(); r++) {
        w = replace(w, t.left(r), t.right(r), BpeTokenizer.FIRST_MERGE + r);
      }
      out.addAll(w);
    }
    return out;
  }

  private static List<Integer> list(int[] a) {
    List<Integer> l = new ArrayList<>();
    for (int x : a) {
      l.add(x);
    }
    return l;
  }

  @Test
  void fittedMergesAreThoseOfTheReferenceTrainer() {
    BpeTokenizer t = BpeTrainer.fit(CORPUS, BpeTokenizer.FIRST_MERGE + 80);
    List<int[]> expected = referenceMerges(CORPUS, 80);
    assertEquals(expected.size(), t.merges());
    for (int r = 0; r < t.merges(); r++) {
      assertArrayEquals(expected.get(r), new int[] {t.left(r), t.right(r)}, "merge " + r);
    }
    assertEquals(BpeTokenizer.FIRST_MERGE + expected.size(), t.vocabSize());
    assertTrue(expected.size() > 40, "a test of few merges: " + expected.size());
  }

  /** {@link #CORPUS} with words capitalised or in capitals at random. */
  private static List<String> mixedCase() {
    SplittableRandom r = new SplittableRandom(11);
    List<String> out = new ArrayList<>();
    for (String text : CORPUS) {
      StringBuilder s = new StringBuilder();
      for (String w : text.split(" ", -1)) {
        int pick = r.nextInt(4);
        String cased = w.isEmpty() || pick == 0 ? w : pick == 1 ? w.toUpperCase(Locale.ROOT)
            : Character.toUpperCase(w.charAt(0)) + w.substring(1);
        s.append(s.length() == 0 ? "" : " ").append(cased);
      }
      out.add(s.toString());
    }
    return out;
  }

  /** Whether {@code t}'s merges are not {@code merges}. */
  private static boolean differ(BpeTokenizer t, List<int[]> merges) {
    if (t.merges() != merges.size()) {
      return true;
    }
    for (int r = 0; r < t.merges(); r++) {
      if (t.left(r) != merges.get(r)[0] || t.right(r) != merges.get(r)[1]) {
        return true;
      }
    }
    return false;
  }

  @Test
  void anUncasedFitIsTheReferenceFitOfTheLowerCasedTextsAndEncodesAnyCaseAlike() {
    List<String> mixed = mixedCase();
    List<String> lower = mixed.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    BpeTokenizer t = BpeTrainer.fit(List.of(new BpeTrainer.Part(mixed, 1)),
        BpeTokenizer.FIRST_MERGE + 80, true);
    assertTrue(t.lowercase());
    List<int[]> expected = referenceMerges(lower, 80);
    assertEquals(expected.size(), t.merges());
    for (int r = 0; r < t.merges(); r++) {
      assertArrayEquals(expected.get(r), new int[] {t.left(r), t.right(r)}, "merge " + r);
    }
    // the case of the training texts mattered: a cased fit of them merges otherwise
    BpeTokenizer cased = BpeTrainer.fit(List.of(new BpeTrainer.Part(mixed, 1)),
        BpeTokenizer.FIRST_MERGE + 80, false);
    assertTrue(!cased.lowercase() && differ(cased, expected), "the cased fit merged alike");
    // each character by itself, as the Hugging Face Lowercase normalizer: a final capital
    // sigma becomes the plain small sigma, a dotted capital I a small i and a combining dot
    Map<String, String> folded = Map.of("The GREATEST Movie", "the greatest movie",
        "Naïve CAFÉ, NOT bad!", "naïve café, not bad!", "İstanbul ΣΟΦΟΣ", "i\u0307stanbul σοφοσ");
    folded.forEach((s, f) -> {
      assertEquals(referenceEncode(t, f), list(t.encode(s)), s);
      assertEquals(f, t.decode(t.encode(s)), s);
    });
    assertEquals(list(t.encode(" great")), list(t.encode(" Great")));
    assertEquals(list(t.encode(" great")), list(t.encode(" GREAT")));
  }

  @Test
  void stopsWhenNoPairOccursTwice() {
    BpeTokenizer t = BpeTrainer.fit(List.of("abcabc"), 5000);
    assertEquals(referenceMerges(List.of("abcabc"), 5000).size(), t.merges());
    assertEquals(2, t.merges()); // ab, then (ab)c; (abc)(abc) occurs once
    assertEquals(List.of(t.vocabSize() - 1, t.vocabSize() - 1), list(t.encode("abcabc")));
  }

  @Test
  void encodingEqualsMergesAppliedInRankOrderAndRoundTrips() {
    BpeTokenizer t = BpeTrainer.fit(CORPUS, BpeTokenizer.FIRST_MERGE + 120);
    List<String> texts = new ArrayList<>(CORPUS);
    texts.addAll(List.of("", " ", "thethe   there's naïve cafés\n\tmovie", "日本語 😀 x",
        "unseen words: zebra quokka 12345"));
    for (String s : texts) {
      int[] ids = t.encode(s);
      assertEquals(referenceEncode(t, s), list(ids), s);
      assertEquals(s, t.decode(ids), s);
    }
    int[] movies = t.encode(" movies");
    assertTrue(movies.length <= 2, "a frequent word is one or two tokens: " + list(movies));
  }

  @Test
  void specialTokensDecodeToNothingAndBadIdsAreNamed() {
    BpeTokenizer t = BpeTrainer.fit(CORPUS, 300);
    int[] ids = t.encode("the movie");
    int[] framed = new int[ids.length + 2];
    framed[0] = t.bos();
    System.arraycopy(ids, 0, framed, 1, ids.length);
    framed[framed.length - 1] = t.eos();
    assertEquals("the movie", t.decode(framed));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> t.decode(new int[] {5, t.vocabSize()}));
    assertEquals("token id " + t.vocabSize() + " at position 1 is outside the vocabulary [0, "
        + t.vocabSize() + ")", e.getMessage());
  }

  @Test
  void survivesJavaSerializationAsExecutorsReceiveIt() throws Exception {
    BpeTokenizer t = BpeTrainer.fit(CORPUS, 300);
    t.encode("warm the cache");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(t);
    }
    try (ObjectInputStream in = new ObjectInputStream(
        new ByteArrayInputStream(bytes.toByteArray()))) {
      Tokenizer back = (Tokenizer) in.readObject();
      assertEquals(list(t.encode("the greatest films")), list(back.encode("the greatest films")));
    }
    BpeTokenizer uncased = BpeTrainer.fit(List.of(new BpeTrainer.Part(CORPUS, 1)), 300, true);
    bytes.reset();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(uncased);
    }
    try (ObjectInputStream in = new ObjectInputStream(
        new ByteArrayInputStream(bytes.toByteArray()))) {
      Tokenizer back = (Tokenizer) in.readObject();
      assertEquals(list(uncased.encode("the greatest films")),
          list(back.encode("The GREATEST Films")));
    }
  }

  @Test
  void tooSmallAVocabularyIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BpeTrainer.fit(CORPUS, 259));
    assertEquals("vocabulary size 259 leaves no room for merges: it must exceed 259",
        e.getMessage());
  }
}
