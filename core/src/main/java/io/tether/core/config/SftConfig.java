package io.tether.core.config;

/**
 * The {@code sft} section: pre-training / supervised fine-tuning of the initial policy.
 *
 * @param steps optimizer steps; 0: no SFT, the policy starts as {@code model.checkpoint} is
 * @param batchSize sequences per step
 * @param seqLen tokens per training sequence; 0: the model's context length
 * @param lr peak learning rate (AdamW)
 * @param warmupSteps steps of linear warm-up from 0 to {@code lr}
 */
public record SftConfig(int steps, int batchSize, int seqLen, double lr, int warmupSteps) {

  /** Validates every field; see the class description for the rules. */
  public SftConfig {
    Check.atLeast("sft.steps", steps, 0);
    Check.atLeast("sft.batch_size", batchSize, 1);
    Check.atLeast("sft.seq_len", seqLen, 0);
    Check.positive("sft.lr", lr);
    Check.atLeast("sft.warmup_steps", warmupSteps, 0);
  }

  /** 600 steps of 16 sequences at the context length, lr 1e-3, 50 warm-up steps. */
  public static SftConfig defaults() {
    return new SftConfig(600, 16, 0, 1e-3, 50);
  }
}
