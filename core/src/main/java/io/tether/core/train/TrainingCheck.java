package io.tether.core.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.tether.core.djl.GradMode;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelInputs;
import io.tether.core.model.ModelIo;
import io.tether.core.model.ModelPreset;
import io.tether.core.model.ModelSpec;
import io.tether.core.model.TokenBatch;
import io.tether.core.time.Ticker;
import io.tether.core.tokenizer.ByteTokenizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Trains a fresh LM on a text with next-token loss and checks that it learns, then saves and
 * reloads it and checks the logits are bit-identical. A smoke test of the whole model stack.
 */
public final class TrainingCheck {

  /**
   * @param preset model size
   * @param steps optimisation steps
   * @param batchSize sequences per step
   * @param seqLen tokens per sequence (at most the context length)
   * @param lr peak learning rate (linear warm-up over the first 10% of steps, then cosine)
   * @param seed weights and data order
   */
  public record Options(ModelPreset preset, int steps, int batchSize, int seqLen, double lr, long seed) {
    public static Options defaults() {
      return new Options(ModelPreset.TINY, 300, 8, 64, 3e-3, 42);
    }
  }

  /** What the check measured. */
  public record Result(
      double initialLoss, double finalLoss, int steps, double seconds, boolean reloadIdentical) {
    /** The check passes when the loss has at least halved and the reload is exact. */
    public boolean passed() {
      return finalLoss < initialLoss / 2 && reloadIdentical;
    }
  }

  private TrainingCheck() {}

  /** The bundled sample text (original prose written for this project). */
  public static String sampleText() {
    try (InputStream in = TrainingCheck.class.getResourceAsStream("sample-text.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs the check on {@code text}; {@code progress} hears each finished step. */
  public static Result run(Options o, String text, IntConsumer progress, Ticker ticker) {
    ByteTokenizer tok = new ByteTokenizer();
    int[] data = tok.encode(text);
    ModelSpec spec = ModelSpec.of(o.preset(), tok.vocabSize(), HeadKind.LM);
    if (o.seqLen() > spec.contextLength() || o.seqLen() >= data.length) {
      throw new IllegalArgumentException("seqLen " + o.seqLen() + " exceeds the context ("
          + spec.contextLength() + ") or the text (" + data.length + " tokens)");
    }
    long start = ticker.nanos();
    try (GptModel model = GptModel.create(spec, o.seed());
        LanguageModelTrainer trainer = new LanguageModelTrainer(
            model, AdamW.Hyper.defaults(), tok.pad(), 1.0)) {
      SplittableRandom random = new SplittableRandom(o.seed());
      LearningRateSchedule schedule = LearningRateSchedule.warmupCosine(o.lr(), Math.max(1, o.steps() / 10), o.steps());
      List<int[]> probe = windows(data, o.batchSize(), o.seqLen(), new SplittableRandom(1));
      double initial = evalLoss(model, probe, tok.pad());
      for (int step = 0; step < o.steps(); step++) {
        trainer.step(windows(data, o.batchSize(), o.seqLen(), random), schedule.at(step));
        progress.accept(step + 1);
      }
      double last = evalLoss(model, probe, tok.pad());
      boolean identical = reloadIsIdentical(model, probe, tok.pad());
      return new Result(initial, last, o.steps(), ticker.secondsSince(start), identical);
    }
  }

  private static List<int[]> windows(int[] data, int count, int len, SplittableRandom r) {
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int from = r.nextInt(data.length - len);
      out.add(Arrays.copyOfRange(data, from, from + len));
    }
    return out;
  }

  private static double evalLoss(GptModel model, List<int[]> batch, int pad) {
    try (GradMode g = GradMode.off();
        NDManager m = model.manager().newSubManager()) {
      return LanguageModelLoss.of(model, TokenBatch.rightPadded(batch, pad), m)
          .toType(DataType.FLOAT64, false).getDouble();
    }
  }

  private static boolean reloadIsIdentical(GptModel model, List<int[]> batch, int pad) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ModelIo.writeParameters(model.parameters(), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (GptModel copy = ModelIo.read(model.spec(), new ByteArrayInputStream(bytes.toByteArray()),
        "memory", model.dtype(), model.device())) {
      return Arrays.equals(logits(model, batch, pad), logits(copy, batch, pad));
    }
  }

  /** All logits of a batch, flattened. */
  public static float[] logits(GptModel model, List<int[]> batch, int pad) {
    try (GradMode g = GradMode.off();
        NDManager m = model.manager().newSubManager()) {
      TokenBatch tb = TokenBatch.rightPadded(batch, pad);
      return model.logits(model.hidden(ModelInputs.of(m, tb, model.dtype()))).toFloatArray();
    }
  }
}
