package io.tether.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.model.ModelPreset;
import io.tether.core.tokenizer.TokenizerKind;
import org.junit.jupiter.api.Test;

class ModelConfigTest {

  private static ModelConfig model(ModelPreset preset, int context, int layers, int heads,
      int width) {
    return new ModelConfig(preset, TokenizerKind.BYTE, context, layers, heads, width,
        ModelDType.FLOAT32, "", 0);
  }

  @Test
  void eachPresetResolvesToItsSizes() {
    assertEquals(new ResolvedModel(2, 2, 64, 128, TokenizerKind.BYTE, ModelDType.FLOAT32),
        model(ModelPreset.TINY, 0, 0, 0, 0).resolve());
    assertEquals(new ResolvedModel(4, 4, 256, 256, TokenizerKind.BYTE, ModelDType.FLOAT32),
        model(ModelPreset.SMALL, 0, 0, 0, 0).resolve());
    assertEquals(new ResolvedModel(8, 8, 512, 512, TokenizerKind.BYTE, ModelDType.FLOAT32),
        model(ModelPreset.BASE, 0, 0, 0, 0).resolve());
  }

  @Test
  void explicitSizesReplaceThePresetsOneByOne() {
    assertEquals(new ResolvedModel(2, 8, 64, 512, TokenizerKind.BYTE, ModelDType.FLOAT32),
        model(ModelPreset.TINY, 512, 0, 8, 0).resolve());
    ResolvedModel r = new ModelConfig(ModelPreset.SMALL, TokenizerKind.GPT2, 0, 6, 0, 96,
        ModelDType.FLOAT64, "", 0).resolve();
    assertEquals(new ResolvedModel(6, 4, 96, 256, TokenizerKind.GPT2, ModelDType.FLOAT64), r);
    assertEquals(24, r.headDim());
  }

  @Test
  void resolveFailsWhenWidthIsNotDivisibleByHeads() {
    ConfigException e = assertThrows(
        ConfigException.class, () -> model(ModelPreset.TINY, 0, 0, 5, 96).resolve());
    assertEquals("model.d_model (96) must be divisible by model.n_head (5)", e.getMessage());
    assertEquals("model.d_model (64) must be divisible by model.n_head (3)", assertThrows(
        ConfigException.class, () -> model(ModelPreset.TINY, 0, 0, 3, 0).resolve()).getMessage());
  }

  @Test
  void contextLengthIsZeroOrInRange() {
    assertEquals(8, model(ModelPreset.TINY, 8, 0, 0, 0).resolve().contextLength());
    assertEquals(8192, model(ModelPreset.TINY, 8192, 0, 0, 0).resolve().contextLength());
    assertEquals("model.context_length must be 0 (take the preset's value) or in [8, 8192], "
        + "got 7", assertThrows(ConfigException.class,
            () -> model(ModelPreset.TINY, 7, 0, 0, 0)).getMessage());
    assertThrows(ConfigException.class, () -> model(ModelPreset.TINY, 8193, 0, 0, 0));
    assertEquals("model.n_layer must be 0 (take the preset's value) or >= 1, got -1",
        assertThrows(ConfigException.class,
            () -> model(ModelPreset.TINY, 0, -1, 0, 0)).getMessage());
  }

  @Test
  void vocabSizeIsForTheCorpusTokenizerOnly() {
    ModelConfig corpus = new ModelConfig(ModelPreset.TINY, TokenizerKind.CORPUS, 0, 0, 0, 0,
        ModelDType.FLOAT32, "", 0);
    assertEquals(ModelConfig.DEFAULT_CORPUS_VOCAB, corpus.corpusVocabSize());
    assertEquals(1000, new ModelConfig(ModelPreset.TINY, TokenizerKind.CORPUS, 0, 0, 0, 0,
        ModelDType.FLOAT32, "", 1000).corpusVocabSize());
    ConfigException fixed = assertThrows(ConfigException.class, () -> new ModelConfig(
        ModelPreset.TINY, TokenizerKind.BYTE, 0, 0, 0, 0, ModelDType.FLOAT32, "", 1000));
    assertEquals("model.vocab_size is 1000 but model.tokenizer is byte, whose vocabulary is"
        + " fixed; set it only with model.tokenizer: corpus", fixed.getMessage());
    ConfigException small = assertThrows(ConfigException.class, () -> new ModelConfig(
        ModelPreset.TINY, TokenizerKind.CORPUS, 0, 0, 0, 0, ModelDType.FLOAT32, "", 300));
    assertEquals("model.vocab_size must be 0 (the default, 4096) or in [512, 65536], got 300",
        small.getMessage());
  }

  @Test
  void anUncasedTokenizerIsForTheCorpusTokenizerOnly() {
    assertTrue(new ModelConfig(ModelPreset.TINY, TokenizerKind.CORPUS, 0, 0, 0, 0,
        ModelDType.FLOAT32, "", 0, "", true).tokenizerLowercase());
    ConfigException e = assertThrows(ConfigException.class, () -> new ModelConfig(
        ModelPreset.TINY, TokenizerKind.GPT2, 0, 0, 0, 0, ModelDType.FLOAT32, "", 0, "", true));
    assertEquals("model.tokenizer_lowercase", e.key());
    assertEquals("model.tokenizer_lowercase is true but model.tokenizer is gpt2; only the corpus"
        + " tokenizer, fitted to the run's texts, can be made uncased", e.getMessage());
    ConfigException hf = assertThrows(ConfigException.class, () -> new ModelConfig(
        ModelPreset.TINY, TokenizerKind.CORPUS, 0, 0, 0, 0, ModelDType.FLOAT32, "", 0, "hf/dir",
        true));
    assertEquals("model.tokenizer_lowercase is true but model.pretrained is set: its own"
        + " tokenizer.json decides its normalization", hf.getMessage());
  }

  @Test
  void resolveDoesNotChangeTheConfig() {
    ModelConfig config = model(ModelPreset.SMALL, 0, 0, 0, 0);
    config.resolve();
    assertEquals(0, config.dModel());
    assertEquals(0, config.contextLength());
  }

  @Test
  void thePretrainedTokenizerAndDirectoryGoTogether() {
    TetherConfig ok = ConfigLoader.parse("", "t.yaml",
        java.util.List.of("model.pretrained=/models/x", "model.tokenizer=pretrained"));
    assertEquals("/models/x", ok.model().pretrained());
    ConfigException alone = assertThrows(ConfigException.class, () -> ConfigLoader.parse("",
        "t.yaml", java.util.List.of("model.tokenizer=pretrained")));
    assertTrue(alone.getMessage().contains("model.pretrained is empty"), alone.getMessage());
    ConfigException both = assertThrows(ConfigException.class, () -> ConfigLoader.parse("",
        "t.yaml", java.util.List.of("model.pretrained=/models/x", "model.checkpoint=/runs/a")));
    assertTrue(both.getMessage().contains("both set"), both.getMessage());
  }

  @Test
  void theModelsChatTemplateNeedsAModelDirectory() {
    TetherConfig ok = ConfigLoader.parse("", "t.yaml",
        java.util.List.of("model.pretrained=/models/x", "data.chat_template=model"));
    assertEquals(ChatTemplateMode.MODEL, ok.data().chatTemplate());
    ConfigException alone = assertThrows(ConfigException.class, () -> ConfigLoader.parse("",
        "t.yaml", java.util.List.of("data.chat_template=model")));
    assertEquals("t.yaml: override \"data.chat_template=model\": data.chat_template is model but"
        + " model.pretrained is empty; the template comes from the model directory's"
        + " tokenizer_config.json", alone.getMessage());
  }
}
