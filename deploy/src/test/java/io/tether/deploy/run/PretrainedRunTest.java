package io.tether.deploy.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.core.checkpoint.CheckpointStore;
import io.tether.core.checkpoint.Role;
import io.tether.core.config.ConfigException;
import io.tether.core.config.TetherConfig;
import io.tether.core.generate.Generation;
import io.tether.core.generate.Generator;
import io.tether.core.generate.SamplingParams;
import io.tether.core.hf.HfModel;
import io.tether.core.hf.HfTensor;
import io.tether.core.hf.SafeTensorsFile;
import io.tether.core.hf.SafeTensorsWriter;
import io.tether.core.hf.SafeTensorsDtype;
import io.tether.core.model.GptModel;
import io.tether.core.model.ModelStore;
import io.tether.core.tokenizer.BpeTokenizer;
import io.tether.core.tokenizer.BpeTrainer;
import io.tether.core.tokenizer.RunTokenizers;
import io.tether.core.tokenizer.Tokenizer;
import io.tether.deploy.Tether;
import io.tether.deploy.report.MetricsTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose policy and reference start from a Llama-family Hugging Face directory (grouped-query
 * attention, an untied head, its own tokenizer.json read by the tokenizers library) goes through
 * SFT, Spark rollouts in local[2], the reward model and PPO; {@code tether export} writes the
 * policy back in the directory's layout with its files, and the export loads back into a model
 * that generates the same tokens as the run's final policy.
 */
class PretrainedRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aLlamaDirectoryTrainsExportsAndGeneratesTheSameTokens() throws Exception {
    Path data = ownTaskData();
    BpeTokenizer bpe = BpeTrainer.fit(List.of(Files.readString(data.resolve("sft.jsonl")),
        Files.readString(data.resolve("prompts.jsonl"))), 320);
    Path model = TinyHfModels.llama(dir.resolve("llama"), bpe);
    Path run = dir.resolve("run");
    String log = OwnTaskRunTest.run(config(data, model), run);
    assertTrue(log.contains("tether: model: " + model), log);
    MetricsTable t = MetricsTable.read(run.resolve("metrics.csv"));
    assertEquals(2, t.rows().size());
    CheckpointStore store = new CheckpointStore(new Configuration(), run.toString());
    assertTrue(ModelStore.spec(store.open(Role.POLICY, 2)).isLlama());

    Path out = dir.resolve("export");
    assertEquals(0, Tether.execute("export", "--run", run.toString(), "--out", out.toString()));
    assertEquals(JSON.readTree(model.resolve("config.json").toFile()),
        JSON.readTree(out.resolve("config.json").toFile()));
    assertEquals(Files.readString(model.resolve("tokenizer.json")),
        Files.readString(out.resolve("tokenizer.json")));
    Tokenizer tok = RunTokenizers.of(store, bpe.vocabSize(), run.toString());
    assertEquals(io.tether.core.tokenizer.TokenizerKind.PRETRAINED, tok.kind());
    List<int[]> prompts = new ArrayList<>();
    for (String p : List.of("The gig was", "I think the food")) {
      int[] body = tok.encode(p);
      int[] s = new int[body.length + 1];
      s[0] = tok.bos();
      System.arraycopy(body, 0, s, 1, body.length);
      prompts.add(s);
    }
    try (GptModel fin = ModelStore.read(store.open(Role.POLICY, 2), DataType.FLOAT32, null);
        HfModel back = HfModel.load(new org.apache.hadoop.fs.Path(out.toUri()),
            new Configuration())) {
      List<Generation> a = generate(fin, tok, prompts);
      List<Generation> b = generate(back.model(), tok, prompts);
      for (int i = 0; i < a.size(); i++) {
        assertArrayEquals(a.get(i).tokens(), b.get(i).tokens(), "prompt " + i);
        assertTrue(a.get(i).tokens().length > 0);
      }
    }

    rewardModelFromAClassifierDirectory(data, model);

    // the run keeps what it needs: it resumes with the directory gone
    Path moved = Files.move(model, dir.resolve("llama-moved"));
    log = OwnTaskRunTest.run(config(data, model, "run.iterations=3"), run);
    assertTrue(log.contains("resuming at iteration 2 from checkpoint version 2"), log);
    assertEquals(3, MetricsTable.read(run.resolve("metrics.csv")).rows().size());
    Files.move(moved, model);

    ConfigException e = assertThrows(ConfigException.class, () -> OwnTaskRunTest.run(config(data,
        dir.resolve("missing")), dir.resolve("run2")));
    assertEquals("model.pretrained", e.key());
    assertTrue(e.getMessage().contains("missing/config.json"), e.getMessage());

    // the directory's depth is known only once it is read: refused then, before any SFT step
    Path deep = dir.resolve("run-deep");
    e = assertThrows(ConfigException.class, () -> OwnTaskRunTest.run(config(data, model,
        "reward.train.layers=99"), deep));
    assertEquals("reward.train.layers", e.key());
    assertTrue(e.getMessage().startsWith("reward.train.layers is 99 but the policy (" + model
        + ") has 2 blocks"), e.getMessage());
    assertTrue(new CheckpointStore(new Configuration(), deep.toString())
        .versions(Role.REFERENCE).isEmpty(), "an SFT policy was written");
  }

  /**
   * With {@code data.chat_template: model} the run's prompts are the directory's ChatML-style
   * template applied to the evaluation file's conversations (a system and a user turn): the
   * samples report shows them as written out here by hand, and SFT and the reward model train on
   * the templated texts.
   */
  @Test
  void theModelsChatTemplateWritesTheConversations() throws Exception {
    Path data = ownTaskData();
    StringBuilder eval = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      eval.append("{\"messages\": [{\"role\": \"system\", \"content\": \"Be kind.\"},"
          + " {\"role\": \"user\", \"content\": \"The gig ").append(i).append("?\"}]}\n");
    }
    Files.writeString(data.resolve("eval_prompts.jsonl"), eval);
    BpeTokenizer bpe = BpeTrainer.fit(List.of(Files.readString(data.resolve("sft.jsonl")),
        Files.readString(data.resolve("prompts.jsonl"))), 320);
    var tc = JSON.createObjectNode().put("chat_template", "{% for m in messages %}"
        + "{{ '<|im_start|>' + m['role'] + '\\n' + m['content'] + '<|im_end|>\\n' }}{% endfor %}"
        + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}");
    Path model = TinyHfModels.llama(dir.resolve("llama"), bpe, tc.toString());
    Path run = dir.resolve("run");
    OwnTaskRunTest.run(config(data, model, "data.chat_template=model",
        "eval.samples=4"), run);
    List<String> prompts = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve("samples.jsonl"))) {
      prompts.add(JSON.readTree(line).path("prompt").asText());
    }
    assertEquals(4, prompts.size());
    for (String p : prompts) {
      assertTrue(p.matches("<\\|im_start\\|>system\nBe kind\\.<\\|im_end\\|>\n<\\|im_start\\|>user"
          + "\nThe gig [0-3]\\?<\\|im_end\\|>\n<\\|im_start\\|>assistant\n"), p);
    }

    ConfigException noTemplate = assertThrows(ConfigException.class, () -> OwnTaskRunTest.run(
        config(data, TinyHfModels.llama(dir.resolve("plain"), bpe), "data.chat_template=model"),
        dir.resolve("run2")));
    assertEquals("data.chat_template", noTemplate.key());
    assertTrue(noTemplate.getMessage().endsWith("plain has no tokenizer_config.json"),
        noTemplate.getMessage());
  }

  /**
   * The policy's directory turned into a LlamaForSequenceClassification (its trunk, a score
   * head): tether score probes it, and a run uses it as reward.checkpoint without training one.
   */
  private void rewardModelFromAClassifierDirectory(Path data, Path model) throws Exception {
    Path rm = dir.resolve("classifier");
    Files.createDirectories(rm);
    for (String f : List.of("tokenizer.json", "generation_config.json")) {
      Files.copy(model.resolve(f), rm.resolve(f));
    }
    Files.writeString(rm.resolve("config.json"), Files.readString(model.resolve("config.json"))
        .replace("LlamaForCausalLM", "LlamaForSequenceClassification")
        .replace("\"model_type\"", "\"num_labels\": 1, \"model_type\""));
    List<HfTensor> tensors = new ArrayList<>();
    Configuration conf = new Configuration();
    try (SafeTensorsFile f = SafeTensorsFile.open(new org.apache.hadoop.fs.Path(
        model.resolve("model.safetensors").toUri()), conf)) {
      f.entries().values().stream().filter(t -> !t.name().equals("lm_head.weight"))
          .forEach(t -> tensors.add(new HfTensor(t.name(), t.dtype(), t.shape(),
              f.floats(t.name()))));
    }
    float[] score = new float[32];
    for (int i = 0; i < score.length; i++) {
      score[i] = (float) Math.sin(i);
    }
    tensors.add(new HfTensor("score.weight", SafeTensorsDtype.F32, new long[] {1, 32}, score));
    try (var out = Files.newOutputStream(rm.resolve("model.safetensors"))) {
      SafeTensorsWriter.write(tensors, Map.of("format", "pt"), out);
    }
    Path in = dir.resolve("texts.jsonl");
    Files.writeString(in, "{\"text\": \"The gig was great\"}\n{\"text\": \"I hated it\"}\n");
    Path scored = dir.resolve("scored.jsonl");
    assertEquals(0, Tether.execute("score", "--reward-model", rm.toString(), "--input",
        in.toString(), "--output", scored.toString()));
    List<String> lines = Files.readAllLines(scored);
    double a = JSON.readTree(lines.get(0)).get("score").asDouble();
    double b = JSON.readTree(lines.get(1)).get("score").asDouble();
    assertTrue(Double.isFinite(a) && Double.isFinite(b) && a != b, lines.toString());
    assertTrue(Tether.execute("score", "--reward-model", model.toString(), "--input",
        in.toString(), "--output", scored.toString()) != 0, "a causal LM is not a reward model");

    Path run = dir.resolve("run-rm");
    String log = OwnTaskRunTest.run(config(data, model, "sft.steps=0", "run.iterations=1",
        "reward.checkpoint=" + rm), run);
    assertTrue(log.contains("reward model: " + rm + " (not trained by this run)"), log);
    assertEquals(1, MetricsTable.read(run.resolve("metrics.csv")).rows().size());
  }

  /** The own task's files ({@link OwnTaskFiles}) in {@code dir/data}. */
  private Path ownTaskData() throws java.io.IOException {
    Path data = Files.createDirectories(dir.resolve("data"));
    for (Map.Entry<String, String> f : OwnTaskFiles.contents().entrySet()) {
      Files.writeString(data.resolve(f.getKey()), f.getValue());
    }
    return data;
  }

  private static List<Generation> generate(GptModel m, Tokenizer tok, List<int[]> prompts) {
    return new Generator(m, tok.eos(), tok.pad()).generate(prompts, new long[] {5, 6},
        new SamplingParams(1.0, 0, 1.0, 8, true), true);
  }

  private TetherConfig config(Path data, Path model, String... extra) throws Exception {
    List<String> o = new ArrayList<>(List.of("data.cache_dir=" + dir.resolve("empty-cache"),
        "data.prompts=" + data.resolve("prompts.jsonl"), "data.sft=" + data.resolve("sft.jsonl"),
        "data.eval_prompts=" + data.resolve("eval_prompts.jsonl"), "sft.seq_len=64",
        "sft.steps=10", "eval.every=1", "eval.samples=8", "model.pretrained=" + model));
    o.addAll(List.of(extra));
    return PipelineTest.tiny(2, data.resolve("prefs.jsonl"), o.toArray(String[]::new));
  }


}
