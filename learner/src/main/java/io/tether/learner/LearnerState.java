package io.tether.learner;

import io.tether.core.checkpoint.Checkpoint;
import io.tether.core.checkpoint.CheckpointWriter;
import io.tether.core.json.Json;
import io.tether.core.train.AdamW;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * What a resumed run needs beyond the weights: the next iteration, the KL coefficient and both
 * optimizers' moments and step counts (the policy's alone without a critic). Minibatch order needs
 * no state: it is a function of (seed, iteration, epoch).
 *
 * @param nextIteration the first iteration the resumed run executes
 * @param klCoef beta after the last completed iteration
 */
public record LearnerState(long nextIteration, double klCoef) {
  public static final String STATE_FILE = "learner.json";
  public static final String POLICY_OPTIMIZER = "optimizer.policy.bin";
  public static final String CRITIC_OPTIMIZER = "optimizer.critic.bin";

  /** Writes this state and the learner's optimizers into an open checkpoint. */
  public void write(CheckpointWriter w, PpoLearner learner) {
    w.putString(STATE_FILE, Json.write(new StateFile(nextIteration, klCoef,
        learner.policyOptimizer().steps())));
    writeOptimizer(w, POLICY_OPTIMIZER, learner.policyOptimizer());
    if (learner.hasCritic()) {
      writeOptimizer(w, CRITIC_OPTIMIZER, learner.criticOptimizer());
    }
  }

  /**
   * Reads the state and restores the learner's KL coefficient and optimizers from it.
   *
   * @throws IllegalArgumentException naming the file and the field when {@code learner.json} is
   *     not valid JSON or lacks a number
   */
  public static LearnerState restore(Checkpoint c, PpoLearner learner) {
    StateFile f = Json.read(c.readString(STATE_FILE), StateFile.class, c.uri() + "/" + STATE_FILE);
    LearnerState s = new LearnerState(f.nextIteration(), f.klCoef());
    learner.klController().restore(s.klCoef());
    readOptimizer(c, POLICY_OPTIMIZER, learner.policyOptimizer());
    if (learner.hasCritic()) {
      readOptimizer(c, CRITIC_OPTIMIZER, learner.criticOptimizer());
    }
    return s;
  }

  /**
   * {@code learner.json}: this state, and the policy optimizer's step count for a reader (the
   * optimizer files hold the counts that are restored).
   */
  private record StateFile(long nextIteration, double klCoef, long policyOptimizerSteps) {}

  private static void writeOptimizer(CheckpointWriter w, String name, AdamW optimizer) {
    try (OutputStream out = w.create(name);
        DataOutputStream data = new DataOutputStream(out)) {
      optimizer.save(data);
    } catch (IOException e) {
      throw new UncheckedIOException(w.uri() + "/" + name + ": " + e.getMessage(), e);
    }
  }

  private static void readOptimizer(Checkpoint c, String name, AdamW optimizer) {
    try (InputStream in = c.open(name);
        DataInputStream data = new DataInputStream(new java.io.BufferedInputStream(in))) {
      optimizer.load(data, c.uri() + "/" + name);
    } catch (IOException e) {
      throw new UncheckedIOException(c.uri() + "/" + name + ": " + e.getMessage(), e);
    }
  }
}
