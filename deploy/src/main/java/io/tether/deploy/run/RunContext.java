package io.tether.deploy.run;

import io.tether.core.arrow.ArrowMemory;
import io.tether.core.checkpoint.CheckpointStore;
import io.tether.core.checkpoint.Role;
import io.tether.core.config.ResolvedModel;
import io.tether.core.config.TetherConfig;
import io.tether.core.data.DefaultTaskFiles;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelSpec;
import io.tether.core.time.Ticker;
import io.tether.core.tokenizer.Tokenizer;
import io.tether.core.tokenizer.Tokenizers;
import io.tether.rollout.ModelRef;
import io.tether.rollout.RolloutRequest;
import io.tether.rollout.RolloutStage;
import java.io.PrintStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * What every step of a run shares: config, layout, checkpoint store, tokenizer, model shape,
 * Spark, the default task's files, where to print progress, the driver's Arrow memory and the
 * clock every reported time is read from.
 */
public record RunContext(TetherConfig config, RunLayout layout, CheckpointStore store,
    Tokenizer tokenizer, ModelSpec policySpec, SparkSession spark, DefaultTaskFiles files,
    PrintStream out, ArrowMemory memory, Ticker ticker) {
  public static RunContext of(TetherConfig c, RunLayout layout, SparkSession spark,
      PrintStream out, ArrowMemory memory, Ticker ticker) {
    Tokenizer tok = Tokenizers.create(c.model().tokenizer());
    ResolvedModel m = c.model().resolve();
    ModelSpec spec = new ModelSpec(tok.vocabSize(), m.nLayer(), m.nHead(), m.dModel(),
        m.contextLength(), HeadKind.LM);
    CheckpointStore store = new CheckpointStore(new Configuration(), layout.storeUri());
    return new RunContext(c, layout, store, tok, spec, spark, DefaultTaskFiles.of(c.data()), out,
        memory, ticker);
  }

  /** A checkpoint of this run. */
  public ModelRef ref(Role role, long version) {
    return new ModelRef(layout.storeUri(), role, version);
  }

  /** The rollout stage's request for sampling from {@code policy} at {@code iteration}. */
  public RolloutRequest rolloutRequest(ModelRef policy, long iteration, int samplesPerPrompt) {
    var r = config.rollout();
    return new RolloutRequest(policy, ref(Role.REFERENCE, 0), config.run().seed(), iteration,
        samplesPerPrompt, r.batchSize(), r.kvCache(), r.temperature(), r.topK(), r.topP(),
        r.maxNewTokens(), tokenizer.eos(), tokenizer.pad());
  }

  /** The rollout stage of this run. */
  public RolloutStage rolloutStage() {
    return new RolloutStage(spark, memory, ticker);
  }

  /** Room left for a prompt: context length minus max new tokens. */
  public int maxPromptTokens() {
    return policySpec.contextLength() - config.rollout().maxNewTokens();
  }
}
