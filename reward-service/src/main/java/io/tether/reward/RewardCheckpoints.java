package io.tether.reward;

import io.tether.core.checkpoint.Checkpoint;
import io.tether.core.checkpoint.CheckpointPaths;
import io.tether.core.checkpoint.Role;
import io.tether.core.model.ModelStore;
import io.tether.core.tokenizer.RunTokenizers;
import io.tether.core.tokenizer.Tokenizer;
import org.apache.hadoop.conf.Configuration;

/**
 * Finds a reward-model checkpoint from what a user types: a version directory ({@code
 * .../checkpoints/reward/v000000}) or a run directory (its newest valid reward version).
 */
public final class RewardCheckpoints {
  private RewardCheckpoints() {}

  /**
   * The tokenizer a checkpoint's model was built for: the run's fitted tokenizer stored beside
   * its checkpoints, else the fixed tokenizer of its vocabulary size.
   */
  public static Tokenizer tokenizer(Configuration conf, Checkpoint c) {
    return RunTokenizers.of(CheckpointPaths.storeOf(conf, c), ModelStore.spec(c).vocabSize(),
        c.uri());
  }

  /** Whether {@code pathOrUri} is a Hugging Face model directory (it has a config.json). */
  public static boolean isHfDirectory(Configuration conf, String pathOrUri) {
    org.apache.hadoop.fs.Path config = new org.apache.hadoop.fs.Path(pathOrUri,
        io.tether.core.hf.HfModel.CONFIG);
    try {
      return config.getFileSystem(conf).exists(config);
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /**
   * A Hugging Face sequence classifier with one label ({@code ...ForSequenceClassification}) as a
   * reward model, with its own tokenizer.
   *
   * @throws io.tether.core.model.ModelFormatException naming the directory when it is not one
   */
  public static HfReward hf(Configuration conf, String dir) {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(dir);
    io.tether.core.hf.HfModel m = io.tether.core.hf.HfModel.load(p, conf);
    if (!m.model().spec().head().isReward()) {
      m.close();
      throw new io.tether.core.model.ModelFormatException(dir + ": a causal LM, not a reward"
          + " model; give a ...ForSequenceClassification directory with one label");
    }
    try {
      Tokenizer tok = io.tether.core.hf.HfPretrained.tokenizer(
          io.tether.core.hf.HfPretrained.files(p, conf), dir, m.model().spec().vocabSize());
      return new HfReward(new RewardModel(m.model(), tok.pad()), tok);
    } catch (RuntimeException e) {
      m.close();
      throw e;
    }
  }

  /** A Hugging Face reward model and its tokenizer. */
  public record HfReward(RewardModel model, Tokenizer tokenizer) {}

  /** The checkpoint {@code pathOrUri} names, opened through {@code conf}. */
  public static Checkpoint open(Configuration conf, String pathOrUri) {
    return CheckpointPaths.open(conf, pathOrUri, Role.REWARD);
  }
}
