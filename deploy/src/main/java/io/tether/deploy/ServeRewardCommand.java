package io.tether.deploy;

import io.tether.core.data.DefaultTaskFiles;
import io.tether.core.config.DataConfig;
import io.tether.core.hadoop.HadoopConfs;
import io.tether.core.tokenizer.Tokenizer;
import io.tether.reward.GoldReward;
import io.tether.reward.RewardCheckpoints;
import io.tether.reward.RewardModel;
import io.tether.reward.RolloutScorer;
import io.tether.reward.flight.RewardServer;
import java.io.File;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tether serve-reward}: the reward model as an Arrow Flight service. The checkpoint is
 * opened with Hadoop's defaults, {@code $HADOOP_CONF_DIR} and spark-submit's {@code
 * spark.hadoop.*}.
 */
@Command(name = "serve-reward", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Serve a reward model over Arrow Flight (DoExchange command \"score\": rollouts"
        + " in, scored rollouts out; action \"health\"). Runs until interrupted.")
final class ServeRewardCommand implements Callable<Integer> {
  @Option(names = "--reward-model", required = true,
      description = "A reward checkpoint (.../checkpoints/reward/vNNNNNN) or a run directory.")
  String rewardModel;

  @Option(names = "--host", description = "Address to bind; 0.0.0.0 exposes it to the network.")
  String host = "127.0.0.1";

  @Option(names = "--port", description = "Port; 0 picks a free one.")
  int port = 8815;

  @Option(names = "--token-env", description = "Environment variable holding the bearer token"
      + " clients must send (unset or empty: no token required).")
  String tokenEnv = "TETHER_REWARD_TOKEN";

  @Option(names = "--tls-cert", description = "PEM certificate chain; enables TLS.")
  File tlsCert;

  @Option(names = "--tls-key", description = "PEM PKCS#8 private key for --tls-cert.")
  File tlsKey;

  @Option(names = "--batch-size", description = "Sequences per reward-model forward pass.")
  int batchSize = 32;

  @Option(names = "--max-concurrent", description = "Requests scored at once; more wait, then"
      + " are refused with RESOURCE_EXHAUSTED.")
  int maxConcurrent = 2;

  @Option(names = "--no-gold", negatable = true, description = "Also report the default task's"
      + " AFINN gold score (needs `tether setup`).")
  boolean gold = true;

  @Override
  public Integer call() throws Exception {
    Configuration hadoop = HadoopConfs.forProcess();
    var checkpoint = RewardCheckpoints.open(hadoop, rewardModel);
    Tokenizer tok = RewardCheckpoints.tokenizer(hadoop, checkpoint);
    String token = System.getenv().getOrDefault(tokenEnv, "");
    try (RewardModel rm = RewardModel.read(checkpoint, tok.pad())) {
      DefaultTaskFiles files = DefaultTaskFiles.of(DataConfig.defaults());
      GoldReward g = gold && files.present() ? GoldReward.load(files.sentiment()) : null;
      RolloutScorer scorer = new RolloutScorer(rm, g, tok, batchSize, 0, 0);
      RewardServer.Options o = new RewardServer.Options(host, port, token, tlsCert, tlsKey,
          maxConcurrent, 30_000, 64 << 20);
      try (RewardServer server = RewardServer.start(o, scorer::score, checkpoint.uri())) {
        System.out.println("tether serve-reward: " + checkpoint.uri() + " at "
            + server.location().getUri() + (token.isEmpty() ? " (no token)" : " (token required)"));
        server.awaitTermination();
      }
    }
    return 0;
  }
}
