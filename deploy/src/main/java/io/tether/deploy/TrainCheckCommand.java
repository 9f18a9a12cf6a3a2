package io.tether.deploy;

import io.tether.core.model.ModelPreset;
import io.tether.core.progress.Progress;
import io.tether.core.time.Ticker;
import io.tether.core.train.TrainingCheck;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tether train-check}: trains a fresh model on a text and checks that it learns. */
@Command(
    name = "train-check",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = "Train a fresh LM on a text for a few hundred steps; pass when the loss halves"
        + " and a saved-then-loaded model gives identical logits.")
final class TrainCheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--preset", description = "Model size: ${COMPLETION-CANDIDATES}.")
  ModelPreset preset = ModelPreset.TINY;

  @Option(names = "--steps", description = "Optimisation steps.")
  int steps = 300;

  @Option(names = "--batch-size", description = "Sequences per step.")
  int batchSize = 8;

  @Option(names = "--seq-len", description = "Tokens per sequence.")
  int seqLen = 64;

  @Option(names = "--lr", description = "Peak learning rate.")
  double lr = 3e-3;

  @Option(names = "--seed", description = "Seed for weights and data order.")
  long seed = 42;

  @Option(names = "--text", description = "UTF-8 text file to train on (default: bundled sample).")
  Path text;

  @Override
  public Integer call() throws Exception {
    String corpus = text == null ? TrainingCheck.sampleText()
        : Files.readString(text, StandardCharsets.UTF_8);
    TrainingCheck.Options o = new TrainingCheck.Options(preset, steps, batchSize, seqLen, lr, seed);
    TrainingCheck.Result r;
    try (Progress bar = Progress.stderr("train-check", "steps", steps)) {
      r = TrainingCheck.run(o, corpus, done -> bar.advance(1), Ticker.SYSTEM);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "loss %.4f -> %.4f in %d steps (%.1f s); reload identical: %s; %s%n",
        r.initialLoss(), r.finalLoss(), r.steps(), r.seconds(), r.reloadIdentical(),
        r.passed() ? "PASS" : "FAIL");
    out.flush();
    return r.passed() ? 0 : 1;
  }
}
