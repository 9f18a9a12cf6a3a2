package io.tether.deploy.run;

import io.tether.core.arrow.ArrowMemory;
import io.tether.core.chat.ChatFormat;
import io.tether.core.checkpoint.CheckpointStore;
import io.tether.core.checkpoint.Role;
import io.tether.core.config.ResolvedModel;
import io.tether.core.config.TetherConfig;
import io.tether.core.data.DefaultTaskFiles;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelSpec;
import io.tether.core.time.Ticker;
import io.tether.core.tokenizer.Tokenizer;
import io.tether.rollout.ModelRef;
import io.tether.rollout.PromptSource;
import io.tether.rollout.RolloutRequest;
import io.tether.rollout.RolloutStage;
import java.io.PrintStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * What every step of a run shares: config, layout, the run's Hadoop configuration and the
 * checkpoint store opened with it, tokenizer, model shape, Spark, the default task's files, where
 * to print progress, the driver's Arrow memory and the clock every reported time is read from.
 *
 * @param hadoop the run's one Hadoop configuration: the Spark session's (Hadoop's defaults,
 *     {@code HADOOP_CONF_DIR}, every {@code spark.hadoop.*} setting of the config, {@code --set}
 *     and spark-submit); every file the run opens through Hadoop, on the driver and (shipped with
 *     the rollout stage) on the executors, is opened with it
 * @param chat how conversations become text: plain, or the model's chat template ({@code
 *     data.chat_template: model})
 */
public record RunContext(TetherConfig config, RunLayout layout, Configuration hadoop,
    CheckpointStore store, Tokenizer tokenizer, ModelSpec policySpec, ChatFormat chat,
    SparkSession spark, DefaultTaskFiles files, PrintStream out, ArrowMemory memory,
    Ticker ticker) {
  /** The context of a run on {@code spark}, a session made by {@link SparkSessions#create}. */
  public static RunContext of(TetherConfig c, RunLayout layout, SparkSession spark,
      PrintStream out, ArrowMemory memory, Ticker ticker) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    CheckpointStore store = new CheckpointStore(hadoop, layout.storeUri());
    DefaultTaskFiles files = DefaultTaskFiles.of(c.data());
    Tokenizer tok = RunTokenizer.resolve(c, store, hadoop, files, out);
    ResolvedModel m = c.model().resolve();
    ModelSpec spec = c.model().hasPretrained() ? RunTokenizer.pretrainedSpec(c, store, hadoop)
        : new ModelSpec(tok.vocabSize(), m.nLayer(), m.nHead(), m.dModel(), m.contextLength(),
            HeadKind.LM);
    ChatFormat chat = RunTokenizer.chatFormat(c, store);
    return new RunContext(c, layout, hadoop, store, tok, spec, chat, spark, files, out, memory,
        ticker);
  }

  /** A checkpoint of this run. */
  public ModelRef ref(Role role, long version) {
    return new ModelRef(layout.storeUri(), role, version);
  }

  /** The rollout stage's request for sampling from {@code policy} at {@code iteration}. */
  public RolloutRequest rolloutRequest(ModelRef policy, long iteration, int samplesPerPrompt) {
    return rolloutRequest(policy, iteration, samplesPerPrompt, config.run().seed());
  }

  /** As {@link #rolloutRequest(ModelRef, long, int)}, sampling from the stream of {@code seed}. */
  public RolloutRequest rolloutRequest(ModelRef policy, long iteration, int samplesPerPrompt,
      long seed) {
    var r = config.rollout();
    return new RolloutRequest(policy, ref(Role.REFERENCE, 0), seed, iteration,
        samplesPerPrompt, r.batchSize(), r.kvCache(), r.temperature(), r.topK(), r.topP(),
        r.maxNewTokens(), tokenizer.eos(), tokenizer.pad(), tokenizer.stopTokens());
  }

  /** The rollout stage of this run; its tasks load checkpoints through {@link #hadoop}. */
  public RolloutStage rolloutStage() {
    return new RolloutStage(spark, hadoop, memory, ticker);
  }

  /** The reader of this run's prompts: data settings, room left for a prompt, {@link #hadoop}. */
  public PromptSource promptSource() {
    var d = config.data();
    return new PromptSource(hadoop, tokenizer, d.badLines(), d.promptOverflow(),
        maxPromptTokens(), chat, d.referenceField());
  }

  /** Room left for a prompt: context length minus max new tokens. */
  public int maxPromptTokens() {
    return policySpec.contextLength() - config.rollout().maxNewTokens();
  }
}
