package io.tether.deploy.run;

import io.tether.core.checkpoint.Checkpoint;
import io.tether.core.checkpoint.CheckpointException;
import io.tether.core.checkpoint.CheckpointPaths;
import io.tether.core.checkpoint.CheckpointStore;
import io.tether.core.checkpoint.Role;
import io.tether.core.chat.ChatFormat;
import io.tether.core.chat.ChatTemplate;
import io.tether.core.config.ChatTemplateMode;
import io.tether.core.config.ConfigException;
import io.tether.core.config.TetherConfig;
import io.tether.core.data.DefaultTaskFiles;
import io.tether.core.hf.HfModel;
import io.tether.core.hf.HfPretrained;
import io.tether.core.hf.HfRunFiles;
import io.tether.core.model.ModelFormatException;
import io.tether.core.model.ModelSpec;
import io.tether.core.tokenizer.HfTokenizer;
import java.util.Map;
import io.tether.core.tokenizer.BpeTokenizer;
import io.tether.core.tokenizer.BpeTrainer;
import io.tether.core.tokenizer.RunTokenizers;
import io.tether.core.tokenizer.Tokenizer;
import io.tether.core.tokenizer.TokenizerKind;
import io.tether.core.tokenizer.Tokenizers;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * The tokenizer of a run. A fixed one ({@code byte}, {@code gpt2}) is made; the {@code corpus}
 * tokenizer is the one stored with the run when it resumes, else {@code model.checkpoint}'s run's
 * (the policy must keep its vocabulary), else fitted to the task's SFT texts and stored before
 * any model is trained.
 */
final class RunTokenizer {
  private RunTokenizer() {}

  static Tokenizer resolve(TetherConfig c, CheckpointStore store, Configuration hadoop,
      DefaultTaskFiles files, PrintStream out) {
    if (c.model().hasPretrained()) {
      return pretrained(c, store, hadoop, out);
    }
    if (c.model().tokenizer() != TokenizerKind.CORPUS) {
      return Tokenizers.create(c.model().tokenizer());
    }
    Optional<BpeTokenizer> stored = RunTokenizers.read(store);
    if (stored.isPresent()) {
      return sameCase(c, stored.get(), store.sharedUri(RunTokenizers.FILE));
    }
    BpeTokenizer t = c.model().checkpoint().isEmpty() ? fit(c, hadoop, files, out)
        : fromCheckpoint(c, hadoop);
    RunTokenizers.write(store, t);
    return t;
  }

  /** {@code t}, when it is cased or uncased as {@code model.tokenizer_lowercase} asks. */
  private static BpeTokenizer sameCase(TetherConfig c, BpeTokenizer t, String where) {
    if (t.lowercase() != c.model().tokenizerLowercase()) {
      throw new ConfigException("model.tokenizer_lowercase", "model.tokenizer_lowercase is "
          + c.model().tokenizerLowercase() + " but " + where + " is " + (t.lowercase()
          ? "uncased" : "cased") + "; a model keeps the tokenizer it was trained with, so set"
          + " model.tokenizer_lowercase: " + t.lowercase());
    }
    return t;
  }

  /**
   * The tokenizer of {@code model.pretrained}: kept with the run when it resumes, else read from
   * the directory, whose small files and weight layout are then stored with the run.
   */
  private static Tokenizer pretrained(TetherConfig c, CheckpointStore store,
      Configuration hadoop, PrintStream out) {
    int vocab = pretrainedSpec(c, store, hadoop).vocabSize();
    Optional<HfTokenizer> kept = HfRunFiles.tokenizer(store, vocab);
    if (kept.isPresent()) {
      return kept.get();
    }
    String dir = c.model().pretrained();
    try {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(dir);
      Map<String, String> files = HfPretrained.files(p, hadoop);
      HfTokenizer t = HfPretrained.tokenizer(files, dir, vocab);
      HfRunFiles.write(store, files, HfModel.source(p, hadoop));
      out.printf("tether: model: %s (Hugging Face layout), tokenizer.json with BOS %d, EOS %d,"
          + " PAD %d%n", dir, t.bos(), t.eos(), t.pad());
      return t;
    } catch (ModelFormatException e) {
      throw new ConfigException("model.pretrained", "model.pretrained " + e.getMessage());
    }
  }

  /**
   * How the run writes conversations: with the chat template of the {@code
   * tokenizer_config.json} kept with the run when {@code data.chat_template} is {@code model}.
   */
  static ChatFormat chatFormat(TetherConfig c, CheckpointStore store) {
    if (c.data().chatTemplate() == ChatTemplateMode.NONE) {
      return ChatFormat.PLAIN;
    }
    String name = "tokenizer_config.json";
    String text = HfRunFiles.files(store).map(f -> f.get(name)).orElseThrow(() ->
        new ConfigException("data.chat_template", "data.chat_template is model but "
            + c.model().pretrained() + " has no " + name));
    try {
      return ChatFormat.of(ChatTemplate.fromTokenizerConfig(text,
          c.model().pretrained() + "/" + name));
    } catch (ModelFormatException e) {
      throw new ConfigException("data.chat_template", "data.chat_template is model but "
          + e.getMessage());
    }
  }

  /**
   * The decoder shape of {@code model.pretrained}'s config.json: the copy kept with the run when
   * it resumes (the directory may be gone by then), else the directory's.
   */
  static ModelSpec pretrainedSpec(TetherConfig c, CheckpointStore store, Configuration hadoop) {
    try {
      Optional<Map<String, String>> kept = HfRunFiles.files(store);
      if (kept.isPresent()) {
        return HfModel.spec(new com.fasterxml.jackson.databind.ObjectMapper().readTree(
            kept.get().get(HfModel.CONFIG)), store.sharedUri("hf-" + HfModel.CONFIG));
      }
      return HfPretrained.spec(new org.apache.hadoop.fs.Path(c.model().pretrained()), hadoop);
    } catch (java.io.IOException e) {
      throw new ConfigException("model.pretrained", "model.pretrained: the copy of its"
          + " config.json kept with the run is not JSON: " + e.getMessage());
    } catch (ModelFormatException e) {
      throw new ConfigException("model.pretrained", "model.pretrained " + e.getMessage());
    }
  }

  private static BpeTokenizer fit(TetherConfig c, Configuration hadoop, DefaultTaskFiles files,
      PrintStream out) {
    long start = System.nanoTime();
    List<BpeTrainer.Part> parts = Task.sftTexts(c, hadoop, files);
    BpeTokenizer t = BpeTrainer.fit(parts, c.model().corpusVocabSize(),
        c.model().tokenizerLowercase());
    out.printf("tether: tokenizer: %sbyte-level BPE of %d ids fitted to %d SFT texts in %.1f s%n",
        t.lowercase() ? "uncased " : "", t.vocabSize(), parts.stream().mapToInt(p -> p.texts().size()).sum(),
        (System.nanoTime() - start) / 1e9);
    return t;
  }

  private static BpeTokenizer fromCheckpoint(TetherConfig c, Configuration hadoop) {
    String uri = c.model().checkpoint();
    try {
      Checkpoint ck = CheckpointPaths.open(hadoop, uri, Role.POLICY, Role.REFERENCE);
      CheckpointStore theirs = CheckpointPaths.storeOf(hadoop, ck);
      BpeTokenizer t = RunTokenizers.read(theirs).orElseThrow(() -> new ConfigException(
          "model.checkpoint", "model.checkpoint " + uri + ": model.tokenizer is corpus but "
              + theirs.sharedUri(RunTokenizers.FILE) + " does not exist; that run used a"
              + " fixed tokenizer, so set model.tokenizer to it"));
      return sameCase(c, t, theirs.sharedUri(RunTokenizers.FILE));
    } catch (CheckpointException e) {
      throw new ConfigException("model.checkpoint", "model.checkpoint " + uri + ": "
          + e.getMessage());
    }
  }

  /**
   * Checks that a checkpoint from elsewhere ({@code key} names the config key) was trained with
   * the run's fitted tokenizer, where either has one.
   */
  static void requireSame(RunContext ctx, Checkpoint ck, String key) {
    Optional<BpeTokenizer> theirs =
        RunTokenizers.read(CheckpointPaths.storeOf(ctx.hadoop(), ck));
    Optional<String> mine = ctx.tokenizer() instanceof BpeTokenizer b
        ? Optional.of(RunTokenizers.json(b)) : Optional.empty();
    if (!theirs.map(RunTokenizers::json).equals(mine)) {
      String ours = mine.isPresent() ? "fitted tokenizer " + ctx.store().sharedUri(
          RunTokenizers.FILE) : ctx.tokenizer().kind().name().toLowerCase(Locale.ROOT)
          + " tokenizer";
      throw new ConfigException(key, key + " " + ck.uri() + ": trained with "
          + (theirs.isPresent() ? "another run's fitted tokenizer" : "a fixed tokenizer")
          + ", not this run's " + ours);
    }
  }
}
