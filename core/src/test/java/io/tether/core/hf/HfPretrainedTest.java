package io.tether.core.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tether.core.model.ModelFormatException;
import io.tether.core.tokenizer.BpeTokenizer;
import io.tether.core.tokenizer.BpeTrainer;
import io.tether.core.tokenizer.HfTokenizer;
import io.tether.core.tokenizer.RunTokenizers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Special ids of a Hugging Face directory: BOS, EOS (a list: all of them stop), PAD. */
class HfPretrainedTest {
  private static final BpeTokenizer BPE = BpeTrainer.fit(List.of("the movie the film"), 270);

  private static HfTokenizer tokenizer(String generationConfig) {
    return HfPretrained.tokenizer(Map.of("tokenizer.json", RunTokenizers.json(BPE),
        "config.json", "{\"bos_token_id\": 1, \"eos_token_id\": 2}",
        "generation_config.json", generationConfig), "dir", 300);
  }

  @Test
  void everyEosIdOfTheListStopsAndTheFirstIsEos() {
    HfTokenizer t = tokenizer("{\"bos_token_id\": 7, \"eos_token_id\": [9, 4, 9, 11]}");
    assertEquals(7, t.bos());
    assertEquals(9, t.eos());
    assertArrayEquals(new int[] {9, 4, 11}, t.stopTokens());
    assertEquals(9, t.pad(), "no pad id anywhere: EOS pads");
  }

  @Test
  void aSingleEosFromConfigJsonWhenGenerationConfigHasNone() {
    HfTokenizer t = tokenizer("{\"pad_token_id\": 5}");
    assertEquals(1, t.bos());
    assertArrayEquals(new int[] {2}, t.stopTokens());
    assertEquals(5, t.pad());
  }

  @Test
  void noEosIsAnError() {
    ModelFormatException e = assertThrows(ModelFormatException.class, () ->
        HfPretrained.tokenizer(Map.of("tokenizer.json", RunTokenizers.json(BPE), "config.json",
            "{}"), "dir", 300));
    assertEquals("dir: no eos_token_id in generation_config.json or config.json", e.getMessage());
  }
}
