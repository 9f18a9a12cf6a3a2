package io.tether.core.config;

/**
 * The {@code reward.train} section: Bradley-Terry training of the reward model on preference
 * pairs, and the simulated annotator of the default task.
 *
 * @param steps optimizer steps
 * @param batchSize preference pairs per step
 * @param lr peak learning rate (AdamW)
 * @param pairs preference pairs to generate for the default task, >= 2
 * @param annotatorTau temperature of the simulated annotator: {@code P(a preferred over b) =
 *     sigmoid((gold(a) - gold(b)) / tau)}
 * @param pooling how the trained model reads one score from its per-token head
 * @param embeddingLrScale the token embedding's learning rate as a multiple of {@code lr}: with
 *     a score summed over tokens, each token's contribution is learned mostly in its embedding,
 *     which a row sees only in the batches that hold that token
 * @param reviewPairs how many labelled pairs each of the default task's review sentences is in
 *     (>= 0; 0: only pairs of SFT samples): a sentence compared with more others tells the
 *     reward model more about its words
 * @param layers how many of the SFT policy's blocks, the lowest ones, the reward model keeps (0:
 *     all of them); fewer blocks train and score faster, and a critic initialised from the reward
 *     model has its shape
 */
public record RewardTrainConfig(int steps, int batchSize, double lr, int pairs,
    double annotatorTau, RewardPooling pooling, double embeddingLrScale, int reviewPairs,
    int layers)
    implements java.io.Serializable {

  /** Validates every field; see the class description for the rules. */
  public RewardTrainConfig {
    Check.atLeast("reward.train.steps", steps, 1);
    Check.atLeast("reward.train.batch_size", batchSize, 1);
    Check.positive("reward.train.lr", lr);
    Check.atLeast("reward.train.pairs", pairs, 2);
    Check.positive("reward.train.annotator_tau", annotatorTau);
    Check.present("reward.train.pooling", pooling);
    Check.positive("reward.train.embedding_lr_scale", embeddingLrScale);
    Check.atLeast("reward.train.review_pairs", reviewPairs, 0);
    Check.atLeast("reward.train.layers", layers, 0);
  }

  /** This section with {@code steps} optimizer steps, every other setting kept. */
  public RewardTrainConfig withSteps(int steps) {
    return new RewardTrainConfig(steps, batchSize, lr, pairs, annotatorTau, pooling,
        embeddingLrScale, reviewPairs, layers);
  }

  /**
   * 400 steps of 16 pairs at lr 3e-4, the embedding too; 2000 pairs from an annotator with tau
   * 1, each review sentence in 4 pairs; the score read at the last token; all of the policy's
   * blocks.
   */
  public static RewardTrainConfig defaults() {
    return new RewardTrainConfig(400, 16, 3e-4, 2000, 1.0, RewardPooling.LAST, 1.0, 4, 0);
  }
}
