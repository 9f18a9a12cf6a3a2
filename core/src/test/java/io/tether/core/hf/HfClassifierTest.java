package io.tether.core.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.tether.core.djl.GradMode;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelFormatException;
import io.tether.core.model.ModelInputs;
import io.tether.core.model.TokenBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sequence-classification directories with one label load as reward models: the score is {@code
 * score.weight} applied to the final hidden state of each sequence's last real token, as
 * transformers reads it; checked against the double-precision references over right-padded
 * sequences of different lengths.
 */
class HfClassifierTest {
  private static final int[][] SEQS = {{21, 3, 9, 14, 0}, {21, 7}, {21, 1, 2, 3, 4, 5, 6}};

  @TempDir Path tmp;

  @Test
  void llamaClassifierScoresTheLastRealToken() throws Exception {
    TinyLlama m = new TinyLlama(TinyLlama.QWEN_GQA_UNTIED, 8, false);
    m.tensors.remove("lm_head.weight");
    m.shapes.remove("lm_head.weight");
    float[] score = random(m.s.d(), 9);
    m.tensors.put("score.weight", score);
    m.shapes.put("score.weight", new long[] {1, m.s.d()});
    Path dir = m.write(tmp.resolve("l"), false);
    Files.writeString(dir.resolve("config.json"), m.config("float32")
        .replace("Qwen2ForCausalLM", "Qwen2ForSequenceClassification")
        .replace("\"model_type\"", "\"num_labels\": 1,\n  \"model_type\""));
    check(dir, new LlamaReference(m), score);
  }

  @Test
  void gpt2ClassifierWithThePrefixOutsideTheScoreScoresTheLastRealToken() throws Exception {
    TinyGpt2 g = new TinyGpt2(10, false);
    float[] score = random(TinyGpt2.D, 11);
    Path dir = Files.createDirectories(tmp.resolve("g"));
    List<HandWrittenSafeTensors.T> all = new ArrayList<>();
    g.tensors.forEach((n, v) -> all.add(new HandWrittenSafeTensors.T("transformer." + n,
        g.shapes.get(n), v, "F32")));
    all.add(new HandWrittenSafeTensors.T("score.weight", new long[] {1, TinyGpt2.D}, score,
        "F32"));
    HandWrittenSafeTensors.write(dir.resolve("model.safetensors"), all);
    Files.writeString(dir.resolve("config.json"), TinyGpt2.config("gelu_new")
        .replace("GPT2LMHeadModel", "GPT2ForSequenceClassification")
        .replace("\"model_type\"", "\"id2label\": {\"0\": \"LABEL_0\"},\n  \"model_type\""));
    check(dir, HfGpt2ImportTest.reference(g), score);
    Files.writeString(dir.resolve("config.json"), TinyGpt2.config("gelu_new")
        .replace("GPT2LMHeadModel", "GPT2ForSequenceClassification")
        .replace("\"model_type\"", "\"num_labels\": 2,\n  \"model_type\""));
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> HfGpt2ImportTest.load(dir).close());
    assertTrue(e.getMessage().contains("a sequence classifier with 2 labels"), e.getMessage());
  }

  private static void check(Path dir, ReferenceModel ref, float[] score) {
    try (HfModel h = HfGpt2ImportTest.load(dir)) {
      GptModel rm = h.model();
      assertEquals(HeadKind.REWARD, rm.spec().head());
      TokenBatch batch = TokenBatch.rightPadded(List.of(SEQS), 22);
      float[] values;
      try (GradMode gm = GradMode.off();
          NDManager nd = rm.manager().newSubManager()) {
        values = rm.values(rm.hidden(ModelInputs.of(nd, batch, rm.dtype()))).toFloatArray();
      }
      for (int r = 0; r < SEQS.length; r++) {
        double[][] hidden = ref.hidden(SEQS[r]);
        double want = 0;
        for (int j = 0; j < score.length; j++) {
          want += hidden[hidden.length - 1][j] * score[j];
        }
        assertEquals(want, values[r * batch.length() + SEQS[r].length - 1], 1e-4, "row " + r);
      }
    }
  }

  private static float[] random(int n, long seed) {
    Random r = new Random(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }
}
