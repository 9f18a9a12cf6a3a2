package io.tether.deploy.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.reward.GoldReward;
import io.tether.reward.PreferencePair;
import io.tether.reward.SimulatedAnnotator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnnotatedPairsTest {
  private static final int ROUNDS = 4;
  private static final GoldReward GOLD =
      new GoldReward(Map.of("good", 3, "bad", -3, "fine", 1), Set.of("not"));

  /** 400 sentences: gold 3, -3, 1 or 0 by index, each text distinct. */
  private static List<String> sentences() {
    String[] words = {"good", "bad", "fine", "plain"};
    List<String> out = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      out.add("sentence " + i + " is " + words[i % 4]);
    }
    return out;
  }

  private static AnnotatedPairs label(List<String> samples, double tau) {
    return AnnotatedPairs.label(samples, sentences(), ROUNDS, 0.2,
        new SimulatedAnnotator(GOLD::score, tau, 1), GOLD, 7);
  }

  private static Set<String> texts(List<PreferencePair> pairs) {
    Set<String> s = new HashSet<>();
    pairs.forEach(p -> {
      s.add(p.chosen());
      s.add(p.rejected());
    });
    return s;
  }

  @Test
  void heldOutPairsShareNoTextWithTrainingPairsAndTiesAreLeftOut() {
    List<String> samples = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      samples.add("sample " + i + " good"); // pair i: good vs bad, never a tie
      samples.add("sample " + i + (i % 5 == 0 ? " good" : " bad")); // every 5th pair a tie
    }
    AnnotatedPairs a = label(samples, 1.0);
    Set<String> train = texts(a.train());
    assertTrue(texts(a.heldout()).stream().noneMatch(train::contains));
    for (PreferencePair p : a.all()) {
      assertNotEquals(GOLD.score(p.chosen()), GOLD.score(p.rejected()), p.toString());
    }
    // 40 sample pairs that are not ties, 8 (20%) of them held out, the last ones
    long heldSamples = a.heldout().stream().filter(p -> p.chosen().startsWith("sample"))
        .count();
    assertEquals(8, heldSamples);
    assertEquals(40, a.all().stream().filter(p -> p.chosen().startsWith("sample")).count());
    assertEquals(8, a.heldoutSamples());
    assertTrue(a.heldout().subList(0, 8).stream().allMatch(p -> p.chosen().startsWith("sample")));
    // each round pairs off both sides: 200 pairs, or 199 when both sides are odd
    long sentencePairs = a.all().size() - 40 + a.ties() - 10;
    long perRound = sentencePairs / ROUNDS;
    assertEquals(0, sentencePairs % ROUNDS);
    assertTrue(perRound == 200 || perRound == 199, "sentence pairs " + sentencePairs);
    long heldSentences = texts(a.heldout()).stream().filter(t -> t.startsWith("sentence"))
        .count();
    assertTrue(heldSentences > 50 && heldSentences < 110, "held-out sentences " + heldSentences);
  }

  private static Map<String, Integer> counts(List<PreferencePair> pairs) {
    Map<String, Integer> n = new HashMap<>();
    pairs.forEach(p -> {
      n.merge(p.chosen(), 1, Integer::sum);
      n.merge(p.rejected(), 1, Integer::sum);
    });
    return n;
  }

  @Test
  void eachReviewSentenceIsInAsManyPairsAsAsked() {
    // 61 sentences of distinct gold (i times "good"): no ties, so every pairing is kept
    List<String> sentences = new ArrayList<>();
    for (int i = 1; i <= 61; i++) {
      sentences.add("review" + " good".repeat(i));
    }
    for (int rounds : new int[] {0, 1, 8}) {
      AnnotatedPairs a = AnnotatedPairs.label(List.of(), sentences, rounds, 0.2,
          new SimulatedAnnotator(GOLD::score, 0.5, 1), GOLD, 7);
      assertEquals(0, a.ties());
      if (rounds == 0) {
        assertTrue(a.all().isEmpty(), "no review pairs asked: " + a.all().size());
        continue;
      }
      Map<String, Integer> train = counts(a.train());
      Map<String, Integer> held = counts(a.heldout());
      assertTrue(train.keySet().stream().noneMatch(held::containsKey));
      // one round leaves out one sentence of each odd side; eight rounds pair every sentence
      int paired = train.size() + held.size();
      assertTrue(rounds == 1 ? paired >= 59 : paired == 61, "rounds " + rounds + ": " + paired);
      for (Map<String, Integer> side : List.of(train, held)) {
        int n = side.size();
        // each round pairs the side off: n / 2 pairs, one sentence left out when n is odd
        assertEquals(rounds * 2 * (n / 2), side.values().stream().mapToInt(x -> x).sum());
        assertTrue(side.values().stream().allMatch(c -> c <= rounds), side.toString());
        long short_ = side.values().stream().filter(c -> c < rounds).count();
        assertTrue(n % 2 == 0 ? short_ == 0 : short_ <= rounds, "rounds " + rounds + ": " + side);
      }
      assertTrue(held.size() >= 5 && held.size() <= 25, "held-out sentences " + held.size());
    }
  }

  @Test
  void heldoutAgreementMarksThePairsWhoseLabelGoldShares() {
    AnnotatedPairs a = label(List.of(), 50.0); // a very noisy annotator: many flipped labels
    boolean[] agrees = a.heldoutAgreement(GOLD);
    assertEquals(a.heldout().size(), agrees.length);
    int flipped = 0;
    for (int i = 0; i < agrees.length; i++) {
      PreferencePair p = a.heldout().get(i);
      double chosen = GOLD.score(p.chosen());
      double rejected = GOLD.score(p.rejected());
      assertTrue(chosen != rejected, "a gold tie was kept: " + p);
      assertEquals(chosen > rejected, agrees[i], "pair " + i + ": " + p);
      flipped += agrees[i] ? 0 : 1;
    }
    assertTrue(flipped > 0 && flipped < agrees.length,
        "the noisy annotator flipped " + flipped + " of " + agrees.length + " held-out pairs");
  }
}
