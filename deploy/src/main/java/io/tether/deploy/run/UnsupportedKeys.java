package io.tether.deploy.run;

import io.tether.core.config.ConfigException;
import io.tether.core.config.TetherConfig;

/**
 * Config keys the schema accepts that a run does not act on (yet): set to anything but their
 * default, they stop the run before any work with a message that says what to do instead, rather
 * than being silently ignored.
 */
final class UnsupportedKeys {
  private UnsupportedKeys() {}

  static void check(TetherConfig c) {
    if (c.run().checkpointEvery() != 1) {
      throw new ConfigException("run.checkpoint_every", "run.checkpoint_every must be 1, got "
          + c.run().checkpointEvery() + ": every policy version is published through the"
          + " checkpoint store because that is how executors get the weights; use"
          + " run.keep_checkpoints to bound the space");
    }
    if (!c.reward().tlsKey().isEmpty()) {
      throw new ConfigException("reward.tls_key", "reward.tls_key is set ("
          + c.reward().tlsKey() + ") but it belongs to the service: pass --tls-key to tether"
          + " serve-reward; a run needs only reward.tls_cert");
    }
  }
}
