package io.tether.deploy.run;

import io.tether.core.task.StableSplit;
import io.tether.reward.GoldReward;
import io.tether.reward.PreferencePair;
import io.tether.reward.SimulatedAnnotator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The default task's preference data, labelled by the simulated annotator: pairs of the initial
 * policy's two samples of one prompt, and pairs of the corpus's training review sentences (whole
 * sentences, which carry far more lexicon words than short samples, so far fewer pairs are gold
 * ties). Pairs the gold reward cannot tell apart are left out, as a human's "no preference"
 * would be. The held-out pairs share no text with the training pairs: the last {@code fraction}
 * of the sample pairs, and the pairs of the review sentences a content hash holds out.
 *
 * @param train pairs the reward model is trained on
 * @param heldout pairs it is measured on
 * @param heldoutSamples how many of the held-out pairs (the first ones) are sample pairs
 * @param ties pairs left out as gold ties
 */
record AnnotatedPairs(List<PreferencePair> train, List<PreferencePair> heldout,
    int heldoutSamples, int ties) {
  /** Salt of the review sentences' split, independent of the corpus's own held-out split. */
  private static final long SALT = 0x9E3779B97F4A7C15L;

  /**
   * Labels {@code samples} (consecutive texts: the two samples of one prompt) and pairs of
   * {@code sentences}, each sentence in {@code rounds} pairs (ties aside), holding out {@code
   * fraction} of each.
   */
  static AnnotatedPairs label(List<String> samples, List<String> sentences, int rounds,
      double fraction, SimulatedAnnotator annotator, GoldReward gold, long seed) {
    Builder b = new Builder(annotator, gold);
    List<PreferencePair> samplePairs = new ArrayList<>();
    for (int i = 0; i + 1 < samples.size(); i += 2) {
      b.add(samples.get(i), samples.get(i + 1), samplePairs);
    }
    int held = heldOutCount(samplePairs.size(), fraction);
    b.train.addAll(samplePairs.subList(0, samplePairs.size() - held));
    b.heldout.addAll(samplePairs.subList(samplePairs.size() - held, samplePairs.size()));
    int heldSamples = b.heldout.size();
    List<String> trainSide = new ArrayList<>();
    List<String> heldSide = new ArrayList<>();
    for (String s : sentences) {
      (StableSplit.heldOut(s.hashCode() ^ SALT, fraction) ? heldSide : trainSide).add(s);
    }
    b.pairUp(trainSide, rounds, b.train, seed);
    b.pairUp(heldSide, rounds, b.heldout, seed + 1);
    return new AnnotatedPairs(b.train, b.heldout, heldSamples, b.ties);
  }

  /**
   * How many of {@code size} pairs split off in order are held out: {@code fraction} of them,
   * rounded, at least one when there are any.
   */
  static int heldOutCount(int size, double fraction) {
    return size == 0 ? 0 : Math.max(1, (int) Math.round(size * fraction));
  }

  /** Every pair, training pairs first. */
  List<PreferencePair> all() {
    List<PreferencePair> all = new ArrayList<>(train);
    all.addAll(heldout);
    return all;
  }

  /** For each held-out pair, whether its label agrees with gold (the chosen text scores higher). */
  boolean[] heldoutAgreement(GoldReward gold) {
    boolean[] agrees = new boolean[heldout.size()];
    for (int i = 0; i < agrees.length; i++) {
      agrees[i] = gold.score(heldout.get(i).chosen()) > gold.score(heldout.get(i).rejected());
    }
    return agrees;
  }

  private static final class Builder {
    final SimulatedAnnotator annotator;
    final GoldReward gold;
    final List<PreferencePair> train = new ArrayList<>();
    final List<PreferencePair> heldout = new ArrayList<>();
    int ties;

    Builder(SimulatedAnnotator annotator, GoldReward gold) {
      this.annotator = annotator;
      this.gold = gold;
    }

    void add(String a, String b, List<PreferencePair> into) {
      if (gold.score(a) == gold.score(b)) {
        ties++;
      } else {
        into.add(annotator.label(a, b));
      }
    }

    /** {@code rounds} shuffles of {@code side}, each paired off in order. */
    void pairUp(List<String> side, int rounds, List<PreferencePair> into, long seed) {
      for (int r = 0; r < rounds; r++) {
        List<String> order = new ArrayList<>(side);
        Collections.shuffle(order, new Random(seed * 31 + r));
        for (int i = 0; i + 1 < order.size(); i += 2) {
          add(order.get(i), order.get(i + 1), into);
        }
      }
    }
  }
}
