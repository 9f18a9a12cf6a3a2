package io.tether.reward;

import io.tether.reward.labels.Choice;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Labels pairs like a noisy human: prefers a over b with probability {@code sigmoid((gold(a) -
 * gold(b)) / tau)}. Small tau: almost always the gold-better text; large tau: a coin flip.
 */
public final class SimulatedAnnotator {
  private final ToDoubleFunction<String> gold;
  private final double tau;
  private final SplittableRandom random;
  private long labelled;
  private long agreed;
  private long decided;

  public SimulatedAnnotator(ToDoubleFunction<String> gold, double tau, long seed) {
    if (!(tau > 0)) {
      throw new IllegalArgumentException("reward.train.annotator_tau must be > 0, got " + tau);
    }
    this.gold = gold;
    this.tau = tau;
    this.random = new SplittableRandom(seed);
  }

  /** The labelled pair. */
  public PreferencePair label(String a, String b) {
    return prefersA(gold.applyAsDouble(a), gold.applyAsDouble(b))
        ? new PreferencePair(a, b) : new PreferencePair(b, a);
  }

  /**
   * The label as a choice: {@link Choice#TIE} when the gold scores are equal (the draw is made
   * all the same, so the stream of labels matches {@link #label}'s).
   */
  public Choice choose(String a, String b) {
    double ga = gold.applyAsDouble(a);
    double gb = gold.applyAsDouble(b);
    boolean chooseA = prefersA(ga, gb);
    return ga == gb ? Choice.TIE : chooseA ? Choice.A : Choice.B;
  }

  private boolean prefersA(double ga, double gb) {
    double pA = 1 / (1 + Math.exp(-(ga - gb) / tau));
    boolean chooseA = random.nextDouble() < pA;
    labelled++;
    if (ga != gb) {
      decided++;
      agreed += (ga > gb) == chooseA ? 1 : 0;
    }
    return chooseA;
  }

  /** Share of pairs with different gold scores where the label follows the gold ordering. */
  public double agreement() {
    return decided == 0 ? Double.NaN : agreed / (double) decided;
  }

  /** Pairs labelled so far. */
  public long labelled() {
    return labelled;
  }

  /** Pairs whose gold scores differed (the others are coin flips). */
  public long decided() {
    return decided;
  }
}
