package io.tether.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import io.tether.core.model.GptModel;
import io.tether.core.model.Gradients;
import io.tether.core.model.TinyModels;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A training step leaves nothing behind in the model's memory scope: a temporary kept there
 * lives as long as the model, so SFT of 1,500 steps grew a process by a model's size per step
 * (18 GB, killed by the OOM killer) before the gradient norm closed its squares.
 */
class TrainingMemoryTest {
  private static int held(NDManager m) {
    return ((BaseNDManager) m).getManagedArrays().size();
  }

  @Test
  void stepsAndGradientNormsKeepNoArrayInTheModelsScope() {
    try (GptModel model = GptModel.create(TinyModels.tinyLm(), 1);
        LanguageModelTrainer trainer = new LanguageModelTrainer(model, AdamW.Hyper.defaults(),
            TinyModels.PAD, 1.0)) {
      List<int[]> batch = List.of(new int[] {1, 2, 3, 4, 5}, new int[] {6, 7, 8});
      trainer.step(batch, 1e-3);
      int after1 = held(model.manager());
      for (int i = 0; i < 5; i++) {
        trainer.step(batch, 1e-3);
      }
      assertEquals(after1, held(model.manager()), "arrays added by five more steps");
      for (int i = 0; i < 5; i++) {
        Gradients.globalNorm(model.parameters());
      }
      assertEquals(after1, held(model.manager()), "arrays added by five gradient norms");
    }
  }
}
