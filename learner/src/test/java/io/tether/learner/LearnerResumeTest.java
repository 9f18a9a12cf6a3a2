package io.tether.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.types.DataType;
import io.tether.core.arrow.ArrowIpc;
import io.tether.core.arrow.ScoredRollout;
import io.tether.core.arrow.ScoredRolloutCodec;
import io.tether.core.checkpoint.Checkpoint;
import io.tether.core.checkpoint.CheckpointStore;
import io.tether.core.checkpoint.CheckpointWriter;
import io.tether.core.checkpoint.Role;
import io.tether.core.config.AdvantageKind;
import io.tether.core.config.KlConfig;
import io.tether.core.config.KlControllerKind;
import io.tether.core.config.KlEstimator;
import io.tether.core.config.KlPlacement;
import io.tether.core.config.LearnerConfig;
import io.tether.core.generate.SamplingParams;
import io.tether.core.metrics.MetricNames;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelPreset;
import io.tether.core.model.ModelSpec;
import io.tether.core.model.ModelStore;
import io.tether.core.time.Ticker;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped after two iterations and resumed from its checkpoint (weights, optimizer moments,
 * KL coefficient, iteration) ends with the same weights and metrics as an uninterrupted run; the
 * resumed iteration reads its scored rollouts from an Arrow file.
 */
class LearnerResumeTest {
  private static final ModelSpec SPEC = ModelSpec.of(ModelPreset.TINY, 259, HeadKind.LM);
  private static final SamplingParams SAMPLING = new SamplingParams(1.0, 0, 1.0, 8, true);
  @TempDir Path dir;

  private static LearnerConfig config() {
    LearnerConfig base = PpoLearnerTest.config(1e-3, 0.1, 2);
    return new LearnerConfig(base.device(), base.criticInit(), AdvantageKind.GAE, true, base.ppo(),
        new KlConfig(KlControllerKind.ADAPTIVE, 0.1, 0.5, 50, KlEstimator.K1, KlPlacement.REWARD, 0.04), base.optimizer());
  }

  private static PpoLearner learner(GptModel policy, GptModel critic) {
    return new PpoLearner(policy, critic, config(), 1.0, ToyTask.PAD, 11, 100, Ticker.SYSTEM);
  }

  private static List<ScoredRollout> batch(GptModel policy, GptModel ref, long it) {
    return ToyTask.rollouts(policy, ref, ToyTask.prompts(12, 6), SAMPLING, it, it);
  }

  @Test
  void aResumedRunEqualsAnUninterruptedOne() throws Exception {
    Map<String, Double> straightLast;
    float[] straightWeights;
    try (GptModel policy = GptModel.create(SPEC, 1);
        GptModel ref = GptModel.create(SPEC, 1);
        GptModel critic = PpoLearnerTest.criticFrom(policy);
        PpoLearner learner = learner(policy, critic)) {
      Map<String, Double> m = null;
      for (long it = 0; it < 3; it++) {
        m = learner.update(batch(policy, ref, it), it);
      }
      straightLast = m;
      straightWeights = policy.parameters().get("layers.1.mlp.fc.weight").toFloatArray();
    }

    CheckpointStore store = new CheckpointStore(new Configuration(), dir.toString());
    try (GptModel policy = GptModel.create(SPEC, 1);
        GptModel ref = GptModel.create(SPEC, 1);
        GptModel critic = PpoLearnerTest.criticFrom(policy);
        PpoLearner learner = learner(policy, critic)) {
      for (long it = 0; it < 2; it++) {
        learner.update(batch(policy, ref, it), it);
      }
      try (CheckpointWriter w = store.begin(Role.POLICY, 2)) {
        ModelStore.write(w, policy);
        w.commit();
      }
      try (CheckpointWriter w = store.begin(Role.CRITIC, 2)) {
        ModelStore.write(w, critic);
        new LearnerState(2, learner.klController().coef()).write(w, learner);
        w.commit();
      }
    }

    Checkpoint criticCk = store.openLatest(Role.CRITIC);
    try (GptModel policy = ModelStore.read(store.openLatest(Role.POLICY), DataType.FLOAT32, null);
        GptModel ref = GptModel.create(SPEC, 1);
        GptModel critic = ModelStore.read(criticCk, DataType.FLOAT32, null);
        PpoLearner learner = learner(policy, critic)) {
      LearnerState state = LearnerState.restore(criticCk, learner);
      assertEquals(2, state.nextIteration());
      Path arrow = dir.resolve("scored-000002.arrow");
      try (RootAllocator allocator = new RootAllocator();
          OutputStream out = Files.newOutputStream(arrow)) {
        ArrowIpc.writeStream(ScoredRolloutCodec.INSTANCE, batch(policy, ref, 2), out, allocator, 5);
      }
      List<ScoredRollout> fromFile;
      try (RootAllocator allocator = new RootAllocator()) {
        fromFile = ScoredRolloutFiles.read(new Configuration(), arrow.toUri().toString(),
            allocator);
      }
      Map<String, Double> resumed = learner.update(fromFile, state.nextIteration());
      for (String k : List.of(MetricNames.SCORES, MetricNames.KL, MetricNames.KL_COEF,
          MetricNames.LOSS_POLICY, MetricNames.LOSS_VALUE, MetricNames.CLIPFRAC)) {
        assertEquals(straightLast.get(k), resumed.get(k), 1e-6, k);
      }
      assertArrayEquals(straightWeights,
          policy.parameters().get("layers.1.mlp.fc.weight").toFloatArray(), 1e-6f);
    }
  }

  @Test
  void aLearnerStateWithoutItsKlCoefficientIsRefusedNamingFileAndField() {
    CheckpointStore store = new CheckpointStore(new Configuration(), dir.toString());
    try (CheckpointWriter w = store.begin(Role.CRITIC, 3)) {
      w.putString(LearnerState.STATE_FILE, "{\"next_iteration\": 3}");
      w.commit();
    }
    Checkpoint c = store.openLatest(Role.CRITIC);
    try (GptModel policy = GptModel.create(SPEC, 1);
        GptModel critic = PpoLearnerTest.criticFrom(policy);
        PpoLearner learner = learner(policy, critic)) {
      String m = assertThrows(IllegalArgumentException.class,
          () -> LearnerState.restore(c, learner)).getMessage();
      assertEquals(c.uri() + "/learner.json: field kl_coef: missing", m);
    }
  }
}
