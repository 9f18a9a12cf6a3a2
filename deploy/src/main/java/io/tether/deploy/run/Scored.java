package io.tether.deploy.run;

import io.tether.core.arrow.Rollout;
import io.tether.core.arrow.ScoredRollout;
import io.tether.core.config.RewardConfig;
import io.tether.reward.flight.RewardClient;
import io.tether.rollout.RolloutResult;
import java.io.File;
import java.util.List;
import org.apache.arrow.flight.Location;

/**
 * One iteration's scored rollouts with the time each stage took: scored in the rollout tasks
 * (embedded: reward time is inside the rollout time) or by the remote reward service after the
 * rollout stage (remote: {@code reward.host}:{@code reward.port}, token from {@code
 * reward.token}, TLS when {@code reward.tls_cert} is set). {@code stage}: the rollout stage's
 * figures (time, throughput, weight loads, which executors and JVMs produced rows, retries).
 */
record Scored(List<ScoredRollout> rows, double rewardSeconds, RolloutResult<?> stage) {

  static Scored embedded(RolloutResult<ScoredRollout> r) {
    return new Scored(r.rows(), 0, r);
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

  static Scored remote(RunContext ctx, RolloutResult<Rollout> r) {
    RewardConfig c = ctx.config().reward();
    boolean tls = !c.tlsCert().isEmpty();
    Location at = tls ? Location.forGrpcTls(c.host(), c.port())
        : Location.forGrpcInsecure(c.host(), c.port());
    long start = System.nanoTime();
    try (RewardClient client = new RewardClient(at, c.effectiveToken(), tls ? new File(c.tlsCert()) : null,
        c.retries(), c.timeoutSeconds(), c.batchSize())) {
      List<ScoredRollout> rows = client.score(r.rows());
      return new Scored(rows, (System.nanoTime() - start) / 1e9, r);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while closing the reward client", e);
    }
  }
}
