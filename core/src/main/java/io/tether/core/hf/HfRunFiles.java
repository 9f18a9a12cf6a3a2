package io.tether.core.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tether.core.checkpoint.CheckpointStore;
import io.tether.core.model.ModelFormatException;
import io.tether.core.tokenizer.HfTokenizer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A run that started from a Hugging Face directory keeps that directory's small files beside its
 * checkpoints ({@code checkpoints/hf-config.json}, {@code hf-tokenizer.json}, ...) and how its
 * weights were stored ({@code hf-source.json}: tensor prefix, dtype, stored LM head), so that
 * resume, {@code tether score} and {@code tether export} need the directory no longer.
 */
public final class HfRunFiles {
  private static final String PREFIX = "hf-";
  private static final String SOURCE = "hf-source.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private HfRunFiles() {}

  /** Stores {@code files} (name to text) and {@code source}'s storage facts in {@code store}. */
  public static void write(CheckpointStore store, Map<String, String> files, HfSource source) {
    files.forEach((name, text) -> store.writeShared(PREFIX + name, text));
    ObjectNode s = JSON.createObjectNode();
    s.put("prefix", source.prefix());
    s.put("dtype", source.dtype().name());
    s.put("stores_lm_head", source.storesLmHead());
    store.writeShared(SOURCE, s.toPrettyString());
  }

  /** The stored files, by their names in the model directory; empty for other runs. */
  public static Optional<Map<String, String>> files(CheckpointStore store) {
    if (store.readShared(SOURCE).isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : HfPretrained.FILES) {
      store.readShared(PREFIX + name).ifPresent(t -> out.put(name, t));
    }
    return Optional.of(out);
  }

  /** How to write the run's models back as the directory they came from. */
  public static Optional<HfSource> source(CheckpointStore store) {
    Optional<String> text = store.readShared(SOURCE);
    Optional<Map<String, String>> files = files(store);
    if (text.isEmpty() || files.isEmpty()) {
      return Optional.empty();
    }
    try {
      JsonNode s = JSON.readTree(text.get());
      JsonNode config = JSON.readTree(files.get().get(HfModel.CONFIG));
      return Optional.of(new HfSource(config, s.path("prefix").asText(),
          SafeTensorsDtype.valueOf(s.path("dtype").asText()),
          s.path("stores_lm_head").asBoolean()));
    } catch (IOException | IllegalArgumentException e) {
      throw new ModelFormatException(store.sharedUri(SOURCE) + ": " + e.getMessage(), e);
    }
  }

  /** The run's pretrained tokenizer, when it has one. */
  public static Optional<HfTokenizer> tokenizer(CheckpointStore store, int vocabSize) {
    return files(store).map(f -> HfPretrained.tokenizer(f, store.sharedUri(PREFIX + "*"),
        vocabSize));
  }
}
