package io.tether.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.checkpoint.CheckpointStore;
import io.tether.core.checkpoint.CheckpointWriter;
import io.tether.core.checkpoint.Role;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelPreset;
import io.tether.core.model.ModelSpec;
import io.tether.core.model.ModelStore;
import io.tether.core.time.Ticker;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublisherTest {
  @TempDir Path dir;

  @Test
  void resumeUsesTheNewestVersionCompleteForBothRoles() {
    CheckpointStore store = new CheckpointStore(new Configuration(), dir.toString());
    ModelSpec spec = ModelSpec.of(ModelPreset.TINY, 259, HeadKind.LM);
    try (GptModel policy = GptModel.create(spec, 1);
        GptModel critic = PpoLearnerTest.criticFrom(policy);
        PpoLearner learner = new PpoLearner(policy, critic, PpoLearnerTest.config(1e-3, 0.1, 1),
            1.0, 258, 1, 10, Ticker.SYSTEM)) {
      assertTrue(Publisher.resumeVersion(store, true).isEmpty());
      Publisher.publish(store, 0, policy, critic, learner);
      Publisher.publish(store, 1, policy, critic, learner);
      // a crash after the critic of version 2 was committed but before its policy
      try (CheckpointWriter w = store.begin(Role.CRITIC, 2)) {
        ModelStore.write(w, critic);
        w.commit();
      }
      assertEquals(1, Publisher.resumeVersion(store, true).getAsLong());
      assertEquals(1, store.latest(Role.POLICY).getAsLong());
    }
  }
}
