package io.tether.deploy.run;

import io.tether.core.arrow.ArrowIpc;
import io.tether.core.arrow.IpcSplice;
import io.tether.core.arrow.Prompt;
import io.tether.core.arrow.Rollout;
import io.tether.core.arrow.ScoredRollout;
import io.tether.core.arrow.ScoredRolloutCodec;
import io.tether.core.config.RewardConfig;
import io.tether.core.config.RewardMode;
import io.tether.reward.flight.RewardClient;
import io.tether.rollout.RolloutRequest;
import io.tether.rollout.RolloutResult;
import io.tether.rollout.TaskHook;
import java.io.File;
import java.io.OutputStream;
import java.util.List;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;

/**
 * One iteration's scored rollouts with the time each stage took: scored in the rollout tasks
 * (embedded: reward time is inside the rollout time) or by the remote reward service after the
 * rollout stage (remote: {@code reward.host}:{@code reward.port}, token from {@code
 * reward.token}, TLS when {@code reward.tls_cert} is set). {@code stage}: the rollout stage's
 * figures (time, throughput, weight loads, which executors and JVMs produced rows, retries).
 * {@code arrow}: the scored rows as the rollout tasks sent them (embedded), or null (remote: the
 * rows came from the reward service).
 */
record Scored(List<ScoredRollout> rows, List<byte[]> arrow, double rewardSeconds,
    RolloutResult<?> stage) {

  /**
   * The rollout stage's samples of {@code prompts} for {@code req}, scored as {@code
   * reward.mode} says: inside the tasks by {@code scoring}, or by the remote service after them.
   */
  static Scored sample(RunContext ctx, RolloutRequest req, List<Prompt> prompts,
      EmbeddedScoring scoring) {
    int partitions = ctx.config().spark().partitions();
    return ctx.config().reward().mode() == RewardMode.REMOTE
        ? remote(ctx, ctx.rolloutStage().generate(req, prompts, partitions, TaskHook.NONE),
            scoring)
        : embedded(ctx.rolloutStage().generateScored(req, prompts, partitions, scoring,
            TaskHook.NONE));
  }

  static Scored embedded(RolloutResult<ScoredRollout> r) {
    return new Scored(r.rows(), r.arrow(), 0, r);
  }

  /**
   * Writes the rows as one Arrow IPC stream: embedded, the tasks' own bytes joined without
   * decoding; remote, encoded here from the rows the reward service returned.
   */
  void write(OutputStream out, BufferAllocator allocator) {
    if (arrow != null) {
      IpcSplice.write(ScoredRolloutCodec.INSTANCE.schema(), arrow, out, "rollout task");
    } else {
      ArrowIpc.writeStream(ScoredRolloutCodec.INSTANCE, rows, out, allocator, 1024);
    }
  }

  /** Wall time of the rollout stage. */
  double seconds() {
    return stage.seconds();
  }

  double tokensPerSecond() {
    return stage.tokensPerSecond();
  }

  /** Time the executor JVMs seen have spent loading weights since they started. */
  double loadSecondsSoFar() {
    return stage.modelLoadSeconds();
  }

  /** Scored by the reward service, then the rules added on the driver. */
  static Scored remote(RunContext ctx, RolloutResult<Rollout> r, EmbeddedScoring scoring) {
    RewardConfig c = ctx.config().reward();
    boolean tls = !c.tlsCert().isEmpty();
    Location at = tls ? Location.forGrpcTls(c.host(), c.port())
        : Location.forGrpcInsecure(c.host(), c.port());
    long start = ctx.ticker().nanos();
    File cert = tls ? new File(c.tlsCert()) : null;
    try (RewardClient client = new RewardClient(ctx.memory(), at, c.effectiveToken(), cert,
        c.retries(), c.timeoutSeconds(), c.batchSize())) {
      List<ScoredRollout> rows = scoring.withRules(client.score(r.rows()));
      return new Scored(rows, null, ctx.ticker().secondsSince(start), r);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while closing the reward client", e);
    }
  }
}
