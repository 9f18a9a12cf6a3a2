package io.tether.deploy;

import io.tether.core.hadoop.HadoopConfs;
import io.tether.core.tokenizer.Tokenizer;
import io.tether.reward.RewardCheckpoints;
import io.tether.reward.RewardModel;
import io.tether.reward.RewardTrainer;
import io.tether.reward.TextScoring;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tether score}: probe a reward model on any JSONL data set. Files are opened with
 * Hadoop's defaults, {@code $HADOOP_CONF_DIR} and spark-submit's {@code spark.hadoop.*}.
 */
@Command(name = "score", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Score text with a reward model: input lines {\"text\": ...} or {\"prompt\":"
        + " ..., \"response\": ...}; output lines are the input plus \"score\".")
final class ScoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--reward-model", required = true,
      description = "A reward checkpoint (.../checkpoints/reward/vNNNNNN), a run directory, or"
          + " a Hugging Face ...ForSequenceClassification directory with one label.")
  String rewardModel;

  @Option(names = "--input", required = true, description = "JSONL input (path or Hadoop URI).")
  String input;

  @Option(names = "--output", required = true, description = "JSONL output file.")
  Path output;

  @Option(names = "--batch-size", description = "Sequences per forward pass.")
  int batchSize = 32;

  @Override
  public Integer call() {
    Configuration hadoop = HadoopConfs.forProcess();
    if (RewardCheckpoints.isHfDirectory(hadoop, rewardModel)) {
      RewardCheckpoints.HfReward hf = RewardCheckpoints.hf(hadoop, rewardModel);
      try (RewardModel rm = hf.model()) {
        return score(rm, hf.tokenizer(), hadoop);
      }
    }
    var checkpoint = RewardCheckpoints.open(hadoop, rewardModel);
    Tokenizer tok = RewardCheckpoints.tokenizer(hadoop, checkpoint);
    try (RewardModel rm = RewardModel.read(checkpoint, tok.pad())) {
      return score(rm, tok, hadoop);
    }
  }

  private int score(RewardModel rm, Tokenizer tok, Configuration hadoop) {
    TextScoring.Result r =
        TextScoring.run(rm, new RewardTrainer(rm, tok), hadoop, input, output, batchSize);
    spec.commandLine().getOut().printf(Locale.ROOT, "scored %d lines into %s (mean %.4f)%n",
        r.lines(), output, r.meanScore());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
