package io.tether.deploy.run;

import io.tether.core.config.BadLinePolicy;
import io.tether.core.config.TetherConfig;
import io.tether.reward.PreferenceFiles;
import io.tether.reward.PreferencePair;
import io.tether.reward.labels.Choice;
import io.tether.reward.labels.Comparison;
import io.tether.reward.labels.ComparisonFiles;
import io.tether.reward.labels.LabelFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The preference data of refresh round {@code k}: the new round's labelled pairs (ties left
 * out), the last {@code data.heldout_fraction} of them held out; the training set is the rest of
 * them beside {@code reward.refresh_keep_old} of the earlier pairs: the run's initial preference
 * data (its held-out pairs included: they measured the initial model, and each round holds out
 * its own) and the training pairs of rounds 1 to k-1.
 *
 * @param train pairs the model is fine-tuned on
 * @param heldout the new round's held-out pairs
 * @param newPairs the new round's labelled pairs that are not ties
 */
record RefreshData(List<PreferencePair> train, List<PreferencePair> heldout, int newPairs) {
  static RefreshData of(RunContext ctx, long round) {
    TetherConfig c = ctx.config();
    double fraction = c.data().heldoutFraction();
    List<PreferencePair> old = new ArrayList<>(initial(ctx));
    for (long j = 1; j < round; j++) {
      List<PreferencePair> p = labelled(ctx.layout().labelRound(j));
      old.addAll(p.subList(0, p.size() - AnnotatedPairs.heldOutCount(p.size(), fraction)));
    }
    List<PreferencePair> fresh = labelled(ctx.layout().labelRound(round));
    int held = AnnotatedPairs.heldOutCount(fresh.size(), fraction);
    List<PreferencePair> train = new ArrayList<>(kept(old, c.reward().refreshKeepOld(),
        c.run().seed() + round));
    train.addAll(fresh.subList(0, fresh.size() - held));
    return new RefreshData(train, fresh.subList(fresh.size() - held, fresh.size()),
        fresh.size());
  }

  /** The labelled pairs of a round's directory, in pair order, ties left out. */
  static List<PreferencePair> labelled(Path dir) {
    List<Comparison> pairs = ComparisonFiles.read(dir.resolve(RewardRefresh.PAIRS));
    Map<String, Choice> labels = LabelFiles.read(dir.resolve(RewardRefresh.LABELS), pairs);
    List<PreferencePair> out = new ArrayList<>();
    for (Comparison p : pairs) {
      p.preference(labels.get(p.id())).ifPresent(out::add);
    }
    return out;
  }

  /** The run's initial preference pairs: those it labelled, else {@code data.preferences}. */
  private static List<PreferencePair> initial(RunContext ctx) {
    Path own = ctx.layout().preferences();
    TetherConfig c = ctx.config();
    if (Files.exists(own)) {
      return PreferenceFiles.read(ctx.hadoop(), own.toUri().toString(), BadLinePolicy.FAIL)
          .records();
    }
    if (!c.data().preferences().isEmpty()) {
      return PreferenceFiles.read(ctx.hadoop(), c.data().preferences(), c.data().badLines(),
          ctx.chat()).records();
    }
    return List.of();
  }

  private static List<PreferencePair> kept(List<PreferencePair> old, double share, long seed) {
    if (share >= 1) {
      return old;
    }
    SplittableRandom r = new SplittableRandom(seed);
    List<PreferencePair> out = new ArrayList<>();
    for (PreferencePair p : old) {
      if (r.nextDouble() < share) {
        out.add(p);
      }
    }
    return out;
  }
}
