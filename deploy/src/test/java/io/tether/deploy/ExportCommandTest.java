package io.tether.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.core.checkpoint.CheckpointStore;
import io.tether.core.checkpoint.CheckpointWriter;
import io.tether.core.checkpoint.Role;
import io.tether.core.djl.GradMode;
import io.tether.core.hf.HfModel;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelInputs;
import io.tether.core.model.ModelPreset;
import io.tether.core.model.ModelSpec;
import io.tether.core.model.ModelStore;
import io.tether.core.model.TokenBatch;
import io.tether.core.tokenizer.BpeTrainer;
import io.tether.core.tokenizer.BpeTokenizer;
import io.tether.core.tokenizer.RunTokenizers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tether export} writes a run's policy as a GPT-2 directory that loads back (through the
 * Hugging Face reader) into a model computing the same logits, with the run's tokenizer.
 */
class ExportCommandTest {
  private static final List<String> TEXTS = List.of("the food was great and the staff kind",
      "I would not go back, the room was dirty", "a fine phone for the price");

  @TempDir Path dir;

  @Test
  void thePolicyExportsWithItsTokenizerAndComputesTheSameLogits() throws Exception {
    BpeTokenizer tok = BpeTrainer.fit(TEXTS, 300);
    ModelSpec spec = runWithTwoPolicies(tok, 10);
    Path out = dir.resolve("hf");
    assertEquals(0, Tether.execute("export", "--run", dir.toString(), "--out", out.toString(),
        "--parity"));
    assertEquals(RunTokenizers.json(tok), Files.readString(out.resolve("tokenizer.json")));
    JsonNode config = new ObjectMapper().readTree(out.resolve("config.json").toFile());
    assertEquals(tok.bos(), config.path("bos_token_id").asInt());
    assertEquals(tok.eos(), config.path("eos_token_id").asInt());
    List<int[]> seqs = List.of(prepend(tok.bos(), tok.encode(TEXTS.get(0))),
        prepend(tok.bos(), tok.encode(TEXTS.get(2))));
    try (GptModel newest = GptModel.create(spec, 11);
        HfModel back = HfModel.load(new org.apache.hadoop.fs.Path(out.toUri()),
            new Configuration())) {
      assertArrayEquals(logits(newest, seqs, tok.pad()), logits(back.model(), seqs, tok.pad()),
          1e-6f);
      JsonNode parity = new ObjectMapper().readTree(out.resolve("tether_logprobs.json").toFile());
      JsonNode firstSeq = parity.path("sequences").get(0);
      assertEquals(tok.bos(), firstSeq.get(0).asInt());
      int[] seq = new int[firstSeq.size()];
      for (int i = 0; i < seq.length; i++) {
        seq[i] = firstSeq.get(i).asInt();
      }
      // log p(next) from the loaded model's logits, by a plain log-sum-exp
      float[] l = logits(back.model(), List.of(seq), tok.pad());
      int v = spec.vocabSize();
      for (int i = 0; i + 1 < seq.length; i++) {
        double z = 0;
        for (int k = 0; k < v; k++) {
          z += Math.exp(l[i * v + k]);
        }
        assertEquals(l[i * v + seq[i + 1]] - Math.log(z),
            parity.path("logprobs").get(0).get(i).asDouble(), 1e-5, "position " + i);
      }
    }
  }

  @Test
  void anOlderVersionInBfloat16AndTheErrors() throws Exception {
    BpeTokenizer tok = BpeTrainer.fit(TEXTS, 280);
    ModelSpec spec = runWithTwoPolicies(tok, 20);
    Path out = dir.resolve("bf");
    assertEquals(0, Tether.execute("export", "--run", dir.toString(), "--version", "0",
        "--dtype", "bfloat16", "--out", out.toString()));
    try (GptModel v0 = GptModel.create(spec, 20);
        HfModel back = HfModel.load(new org.apache.hadoop.fs.Path(out.toUri()),
            new Configuration())) {
      float[] want = v0.parameters().get("wte").toFloatArray();
      float[] got = back.model().parameters().get("wte").toFloatArray();
      for (int i = 0; i < want.length; i++) {
        assertEquals(want[i], got[i], Math.abs(want[i]) / 256 + 1e-12, "wte[" + i + "]");
      }
    }
    String err = errors("export", "--run", dir.toString(), "--role", "critic", "--out",
        dir.resolve("x").toString());
    assertTrue(err.contains("--role critic is not a language model's role"), err);
    err = errors("export", "--run", dir.toString(), "--out", out.toString());
    assertTrue(err.contains("already exists"), err);
    assertFalse(Files.exists(dir.resolve("x")));
  }

  /**
   * A run directory with {@code tok} as its fitted tokenizer and policy versions 0 and 1 of the
   * tiny preset, seeds {@code firstSeed} and {@code firstSeed + 1}; returns their spec.
   */
  private ModelSpec runWithTwoPolicies(BpeTokenizer tok, long firstSeed) {
    CheckpointStore store = new CheckpointStore(new Configuration(), dir.toString());
    RunTokenizers.write(store, tok);
    ModelSpec spec = ModelSpec.of(ModelPreset.TINY, tok.vocabSize(), HeadKind.LM);
    for (long v = 0; v < 2; v++) {
      try (GptModel m = GptModel.create(spec, firstSeed + v);
          CheckpointWriter w = store.begin(Role.POLICY, v)) {
        ModelStore.write(w, m);
        w.commit();
      }
    }
    return spec;
  }

  private static String errors(String... args) {
    PrintStream old = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      assertTrue(Tether.execute(args) != 0);
    } finally {
      System.setErr(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  private static int[] prepend(int first, int[] rest) {
    int[] s = new int[rest.length + 1];
    s[0] = first;
    System.arraycopy(rest, 0, s, 1, rest.length);
    return s;
  }

  private static float[] logits(GptModel m, List<int[]> seqs, int pad) {
    try (GradMode g = GradMode.off();
        NDManager nd = m.manager().newSubManager()) {
      return m.logits(m.hidden(ModelInputs.of(nd, TokenBatch.leftPadded(seqs, pad),
          m.dtype()))).toFloatArray();
    }
  }
}
