package io.tether.learner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tether.core.checkpoint.Checkpoint;
import io.tether.core.checkpoint.CheckpointWriter;
import io.tether.core.train.AdamW;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * What a resumed run needs beyond the weights: the next iteration, the KL coefficient and both
 * optimizers' moments and step counts. Minibatch order needs no state: it is a function of (seed,
 * iteration, epoch).
 *
 * @param nextIteration the first iteration the resumed run executes
 * @param klCoef beta after the last completed iteration
 */
public record LearnerState(long nextIteration, double klCoef) {
  public static final String STATE_FILE = "learner.json";
  public static final String POLICY_OPTIMIZER = "optimizer.policy.bin";
  public static final String CRITIC_OPTIMIZER = "optimizer.critic.bin";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Writes this state and the learner's optimizers into an open checkpoint. */
  public void write(CheckpointWriter w, PpoLearner learner) {
    ObjectNode n = JSON.createObjectNode();
    n.put("next_iteration", nextIteration);
    n.put("kl_coef", klCoef);
    n.put("policy_optimizer_steps", learner.policyOptimizer().steps());
    w.putString(STATE_FILE, n.toPrettyString());
    writeOptimizer(w, POLICY_OPTIMIZER, learner.policyOptimizer());
    writeOptimizer(w, CRITIC_OPTIMIZER, learner.criticOptimizer());
  }

  /** Reads the state and restores the learner's KL coefficient and optimizers from it. */
  public static LearnerState restore(Checkpoint c, PpoLearner learner) {
    String source = c.uri() + "/" + STATE_FILE;
    JsonNode n;
    try {
      n = JSON.readTree(c.readString(STATE_FILE));
    } catch (IOException e) {
      throw new IllegalStateException(source + ": not valid JSON: " + e.getMessage(), e);
    }
    if (n == null || !n.path("next_iteration").canConvertToLong() || !n.path("kl_coef").isNumber()) {
      throw new IllegalStateException(source + ": needs numeric next_iteration and kl_coef");
    }
    LearnerState s = new LearnerState(n.get("next_iteration").longValue(), n.get("kl_coef").doubleValue());
    learner.klController().restore(s.klCoef());
    readOptimizer(c, POLICY_OPTIMIZER, learner.policyOptimizer());
    readOptimizer(c, CRITIC_OPTIMIZER, learner.criticOptimizer());
    return s;
  }

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
