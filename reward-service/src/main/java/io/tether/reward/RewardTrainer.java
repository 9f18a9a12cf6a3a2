package io.tether.reward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import io.tether.core.config.RewardTrainConfig;
import io.tether.core.djl.DjlRuntime;
import io.tether.core.model.Gradients;
import io.tether.core.model.ParameterSet;
import io.tether.core.time.Ticker;
import io.tether.core.tokenizer.Tokenizer;
import io.tether.core.train.AdamW;
import io.tether.core.train.LearningRateSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Trains a reward model on preference pairs with the Bradley-Terry loss and evaluates it on a
 * held-out split (pairwise accuracy: share of pairs scored chosen > rejected; mean margin).
 */
public final class RewardTrainer {
  /** The token embedding's parameter name, trained at {@code reward.train.embedding_lr_scale}. */
  static final String EMBEDDING = "wte";

  /** Held-out evaluation. */
  public record Eval(int pairs, double accuracy, double meanMargin) {}

  /**
   * What training did.
   *
   * @param heldoutMargins each held-out pair's margin (chosen minus rejected, raw score units),
   *     for further measures on the same scores without scoring again
   */
  public record Result(int steps, double firstLoss, double lastLoss, Eval heldout,
      double[] heldoutMargins, double seconds) {}

  private final RewardModel rm;
  private final Tokenizer tok;

  public RewardTrainer(RewardModel rm, Tokenizer tok) {
    this.rm = rm;
    this.tok = tok;
  }

  /** The token sequence the reward model reads for a text: BOS + text, cut to the context. */
  public int[] tokens(String text) {
    int[] body = tok.encode(text);
    int n = Math.min(body.length, rm.model().spec().contextLength() - 1);
    int[] seq = new int[n + 1];
    seq[0] = tok.bos();
    System.arraycopy(body, 0, seq, 1, n);
    return seq;
  }

  /** Trains on {@code train}, evaluates on {@code heldout}. */
  public Result train(List<PreferencePair> train, List<PreferencePair> heldout,
      RewardTrainConfig cfg, long seed, IntConsumer progress, Ticker ticker) {
    if (train.isEmpty()) {
      throw new IllegalArgumentException("no preference pairs to train on");
    }
    long start = ticker.nanos();
    SplittableRandom random = new SplittableRandom(seed);
    LearningRateSchedule lr = LearningRateSchedule.warmupCosine(cfg.lr(),
        Math.max(1, cfg.steps() / 20), cfg.steps());
    double first = 0;
    double last = 0;
    int tenth = Math.max(1, cfg.steps() / 10);
    List<PairBatches.Tokens> tokens = new ArrayList<>(train.size());
    train.forEach(p -> tokens.add(new PairBatches.Tokens(tokens(p.chosen()), tokens(p.rejected()))));
    PairBatches batches = new PairBatches(tokens, cfg.batchSize(), random);
    rm.model().parameters().setRequiresGradient(true);
    Groups groups = Groups.of(rm.model().parameters());
    try (AdamW embedding = new AdamW(groups.embedding(), AdamW.Hyper.defaults(),
            rm.model().manager());
        AdamW rest = new AdamW(groups.rest(), AdamW.Hyper.defaults(), rm.model().manager())) {
      for (int step = 0; step < cfg.steps(); step++) {
        double loss = step(batches.next(), lr.at(step), (rate, gradScale) -> {
          embedding.step(rate * cfg.embeddingLrScale(), gradScale);
          rest.step(rate, gradScale);
        });
        first += step < tenth ? loss / tenth : 0;
        last += step >= cfg.steps() - tenth ? loss / tenth : 0;
        progress.accept(step + 1);
      }
    }
    rm.model().parameters().setRequiresGradient(false);
    double[] margins = margins(heldout, cfg.batchSize());
    return new Result(cfg.steps(), first, last, eval(margins), margins,
        ticker.secondsSince(start));
  }

  /** The token embedding ({@link #EMBEDDING}), stepped at its own rate, and the rest. */
  private record Groups(ParameterSet embedding, ParameterSet rest) {
    static Groups of(ParameterSet all) {
      Groups g = new Groups(new ParameterSet(), new ParameterSet());
      all.asMap().forEach((name, array) ->
          (name.equals(EMBEDDING) ? g.embedding : g.rest).put(name, array));
      return g;
    }
  }

  /** One optimizer update at learning rate {@code lr}, gradients scaled by {@code gradScale}. */
  private interface Update {
    void apply(double lr, double gradScale);
  }

  private double step(List<PairBatches.Tokens> batch, double lr, Update update) {
    List<int[]> seqs = new ArrayList<>();
    batch.forEach(p -> seqs.add(p.chosen()));
    batch.forEach(p -> seqs.add(p.rejected()));
    Gradients.zero(rm.model().parameters());
    double loss;
    try (NDManager m = rm.model().manager().newSubManager();
        GradientCollector c = DjlRuntime.engine().newGradientCollector()) {
      NDArray scores = SequenceScores.of(m, rm.model(), seqs, tok.pad());
      int p = batch.size();
      NDArray l = BradleyTerry.loss(scores.get("0:{}", p), scores.get("{}:", p));
      loss = l.toType(DataType.FLOAT64, false).getDouble();
      if (!Double.isFinite(loss)) {
        throw new IllegalStateException("reward model loss is " + loss + "; training stopped");
      }
      c.backward(l);
    }
    double norm = Gradients.globalNorm(rm.model().parameters());
    update.apply(lr, norm > 1.0 ? 1.0 / norm : 1.0);
    return loss;
  }

  /** Pairwise accuracy and mean margin (raw score units) on {@code pairs}. */
  public Eval evaluate(List<PreferencePair> pairs, int batchSize) {
    return eval(margins(pairs, batchSize));
  }

  /** Each pair's margin: the chosen text's raw score minus the rejected one's. */
  public double[] margins(List<PreferencePair> pairs, int batchSize) {
    List<int[]> chosen = new ArrayList<>();
    List<int[]> rejected = new ArrayList<>();
    pairs.forEach(p -> {
      chosen.add(tokens(p.chosen()));
      rejected.add(tokens(p.rejected()));
    });
    float[] c = rm.rawScores(chosen, batchSize);
    float[] r = rm.rawScores(rejected, batchSize);
    double[] margins = new double[c.length];
    for (int i = 0; i < c.length; i++) {
      margins[i] = (double) c[i] - r[i];
    }
    return margins;
  }

  /** Accuracy (share of margins above 0) and mean margin; NaN for no pairs. */
  public static Eval eval(double[] margins) {
    if (margins.length == 0) {
      return new Eval(0, Double.NaN, Double.NaN);
    }
    int right = 0;
    double sum = 0;
    for (double m : margins) {
      right += m > 0 ? 1 : 0;
      sum += m;
    }
    return new Eval(margins.length, right / (double) margins.length, sum / margins.length);
  }
}
