package io.tether.rollout;

import io.tether.core.arrow.ArrowIpc;
import io.tether.core.arrow.ArrowMemory;
import io.tether.core.arrow.Rollout;
import io.tether.core.arrow.RolloutCodec;
import io.tether.core.arrow.ScoredRollout;
import io.tether.core.arrow.ScoredRolloutCodec;
import io.tether.core.djl.TorchThreads;
import io.tether.core.generate.Generation;
import io.tether.core.generate.Generator;
import io.tether.core.model.GptModel;
import io.tether.core.model.ResponseBatch;
import io.tether.core.model.TokenLogprobs;
import io.tether.core.time.Ticker;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;

/** The body of one rollout task: generate, add reference log-probs, optionally score, encode. */
final class PartitionGenerator {
  private PartitionGenerator() {}

  /** {@code hadoop}: the run's Hadoop configuration; every model is loaded through it. */
  static Iterator<PartitionOutput> run(Iterator<PromptRow> prompts, RolloutRequest req,
      RolloutScoring scoring, TaskHook hook, Ticker ticker,
      Broadcast<SerializableConfiguration> hadoop) {
    TaskContext ctx = TaskContext.get();
    TorchThreads.set(ctx == null ? 1 : Math.max(1, ctx.cpus()));
    hook.beforeTask(ctx);
    List<PromptRow> rows = new ArrayList<>();
    prompts.forEachRemaining(rows::add);
    Configuration conf = hadoop.value().value();
    long start = ticker.nanos();
    List<Rollout> rollouts = generate(rows, req, conf, ticker);
    long nanos = ticker.nanos() - start;
    long tokens = rollouts.stream().mapToLong(Rollout::responseLength).sum();
    byte[] arrow = encode(rollouts, scoring, conf);
    String executor = SparkEnv.get() == null ? "unknown" : SparkEnv.get().executorId();
    return List.of(new PartitionOutput(arrow, executor, ProcessHandle.current().pid(),
        ExecutorModels.loads(), ExecutorModels.loadNanos(), tokens, nanos,
        ctx == null ? 0 : ctx.attemptNumber())).iterator();
  }

  /** Every (prompt, sample) of the partition, in order, generated in batches. */
  static List<Rollout> generate(List<PromptRow> rows, RolloutRequest req, Configuration hadoop,
      Ticker ticker) {
    GptModel policy = ExecutorModels.get(req.policy(), hadoop, ticker);
    GptModel reference = ExecutorModels.get(req.reference(), hadoop, ticker);
    List<long[]> keys = new ArrayList<>();
    for (PromptRow p : rows) {
      for (int s = 0; s < req.samplesPerPrompt(); s++) {
        keys.add(new long[] {p.promptId(), s});
      }
    }
    java.util.Map<Long, int[]> tokens = new java.util.HashMap<>();
    rows.forEach(p -> tokens.put(p.promptId(), p.tokens()));
    List<Rollout> out = new ArrayList<>();
    for (int from = 0; from < keys.size(); from += req.batchSize()) {
      List<long[]> batch = keys.subList(from, Math.min(keys.size(), from + req.batchSize()));
      out.addAll(batch(batch, tokens, policy, reference, req, ticker));
    }
    return out;
  }

  private static List<Rollout> batch(List<long[]> keys, java.util.Map<Long, int[]> tokens,
      GptModel policy, GptModel reference, RolloutRequest req, Ticker ticker) {
    List<int[]> prompts = new ArrayList<>();
    long[] seeds = new long[keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      prompts.add(tokens.get(keys.get(i)[0]));
      seeds[i] = Seeds.of(req.runSeed(), req.iteration(), keys.get(i)[0], (int) keys.get(i)[1]);
    }
    List<Generation> gens = new Generator(policy, req.stops(), req.pad(), ticker)
        .generate(prompts, seeds, req.sampling(), req.kvCache());
    List<int[]> responses = gens.stream().map(Generation::tokens).toList();
    List<float[]> ref = TokenLogprobs.of(reference, ResponseBatch.of(prompts, responses, req.pad()),
        req.temperature());
    List<Rollout> out = new ArrayList<>();
    for (int i = 0; i < gens.size(); i++) {
      Generation g = gens.get(i);
      out.add(new Rollout(keys.get(i)[0], prompts.get(i), (int) keys.get(i)[1],
          req.policy().version(), g.tokens(), g.logprobs(), ref.get(i), g.finished()));
    }
    return out;
  }

  private static byte[] encode(List<Rollout> rollouts, RolloutScoring scoring,
      Configuration hadoop) {
    try (BufferAllocator allocator = ArrowMemory.executor().stage("rollout-task")) {
      if (scoring == null) {
        return ArrowIpc.toBytes(RolloutCodec.INSTANCE, rollouts, allocator, 1024);
      }
      List<ScoredRollout> scored = scoring.score(rollouts, hadoop);
      return ArrowIpc.toBytes(ScoredRolloutCodec.INSTANCE, scored, allocator, 1024);
    }
  }
}
