package io.tether.reward;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.tether.core.checkpoint.Checkpoint;
import io.tether.core.checkpoint.CheckpointWriter;
import io.tether.core.djl.GradMode;
import io.tether.core.json.Json;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelFormatException;
import io.tether.core.model.ModelStore;
import io.tether.core.model.ScoreNormalization;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A trained reward model: a transformer with a per-sequence scalar head, plus the normalisation
 * {@code (raw - shift) / scale} stored with it (identity when not normalised). Scores sequences
 * of token ids (BOS first); a sequence longer than the context keeps its last tokens.
 */
public final class RewardModel implements AutoCloseable {
  public static final String NORMALIZATION_FILE = "normalization.json";

  private final GptModel model;
  private final int pad;
  private ScoreNormalization normalization = ScoreNormalization.identity();

  public RewardModel(GptModel model, int pad) {
    if (!model.spec().head().isReward()) {
      throw new IllegalArgumentException("a reward model needs a REWARD or REWARD_SUM head, got "
          + model.spec().head());
    }
    this.model = model;
    this.pad = pad;
  }

  public GptModel model() {
    return model;
  }

  /** {@code score = (raw - shift) / scale}; a critic initialised from this model folds it in. */
  public ScoreNormalization normalization() {
    return normalization;
  }

  /** Sets the normalisation so the given raw scores map to mean {@code mean}, std {@code std}. */
  public void normalizeTo(float[] rawScores, double mean, double std) {
    normalization = ScoreNormalization.matching(rawScores, mean, std);
  }

  /** Sets the normalisation so that the given raw scores map to mean 0 and std 1. */
  public void normalizeTo(float[] rawScores) {
    normalization = ScoreNormalization.fittedTo(rawScores);
  }

  /** Raw head outputs, in batches of {@code batchSize}. */
  public float[] rawScores(List<int[]> sequences, int batchSize) {
    float[] out = new float[sequences.size()];
    try (GradMode g = GradMode.off()) {
      for (int from = 0; from < sequences.size(); from += batchSize) {
        List<int[]> part = new ArrayList<>();
        for (int i = from; i < Math.min(sequences.size(), from + batchSize); i++) {
          part.add(fit(sequences.get(i)));
        }
        try (NDManager m = model.manager().newSubManager()) {
          float[] s = SequenceScores.of(m, model, part, pad).toType(DataType.FLOAT32, false)
              .toFloatArray();
          System.arraycopy(s, 0, out, from, s.length);
        }
      }
    }
    return out;
  }

  /** Normalised scores. */
  public float[] scores(List<int[]> sequences, int batchSize) {
    float[] raw = rawScores(sequences, batchSize);
    for (int i = 0; i < raw.length; i++) {
      raw[i] = (float) normalization.apply(raw[i]);
    }
    return raw;
  }

  private int[] fit(int[] seq) {
    int ctx = model.spec().contextLength();
    return seq.length <= ctx ? seq : Arrays.copyOfRange(seq, seq.length - ctx, seq.length);
  }

  /** Adds the model and its normalisation to an open checkpoint. */
  public void write(CheckpointWriter w) {
    ModelStore.write(w, model);
    w.putString(NORMALIZATION_FILE, Json.write(normalization));
  }

  /** Loads a reward model and its normalisation from a checkpoint. */
  public static RewardModel read(Checkpoint c, int pad) {
    GptModel m = ModelStore.read(c, DataType.FLOAT32, null);
    RewardModel rm;
    try {
      rm = new RewardModel(m, pad);
    } catch (IllegalArgumentException e) {
      m.close();
      throw new ModelFormatException(c.uri() + ": not a reward model: " + e.getMessage(), e);
    }
    if (c.files().contains(NORMALIZATION_FILE)) {
      try {
        rm.normalization = Json.read(c.readString(NORMALIZATION_FILE), ScoreNormalization.class,
            c.uri() + "/" + NORMALIZATION_FILE);
      } catch (RuntimeException e) {
        rm.close();
        throw e instanceof IllegalArgumentException ? new ModelFormatException(e.getMessage(), e)
            : e;
      }
    }
    return rm;
  }

  @Override
  public void close() {
    model.close();
  }
}
