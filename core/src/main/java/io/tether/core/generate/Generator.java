package io.tether.core.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.tether.core.djl.GradMode;
import io.tether.core.djl.Scalars;
import io.tether.core.model.AttentionMask;
import io.tether.core.model.CachedDecoder;
import io.tether.core.model.GptModel;
import io.tether.core.model.ModelInputs;
import io.tether.core.model.TokenBatch;
import io.tether.core.time.Ticker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Samples responses for a batch of prompts from an LM model, with or without a KV cache.
 *
 * <p>Prompts are left-padded so that every row's newest token is in the last column. Each row has
 * its own random stream seeded from {@code seeds[row]}, so a sequence's tokens depend only on its
 * seed, its prompt and the model. A row stops at EOS (finished) or when it has produced {@code
 * maxNewTokens} tokens or filled the context (cut, not finished).
 */
public final class Generator {
  private final GptModel model;
  private final int[] stops;
  private final int pad;
  private final Ticker ticker;
  private volatile double lastPrefillSeconds = Double.NaN;

  public Generator(GptModel model, int eos, int pad) {
    this(model, eos, pad, Ticker.SYSTEM);
  }

  /** {@code ticker} times the prefill ({@link #lastPrefillSeconds}). */
  public Generator(GptModel model, int eos, int pad, Ticker ticker) {
    this(model, new int[] {eos}, pad, ticker);
  }

  /** A row finishes at any of {@code stops} (a model's EOS ids: end of text, end of turn). */
  public Generator(GptModel model, int[] stops, int pad, Ticker ticker) {
    if (stops.length == 0) {
      throw new IllegalArgumentException("no stop token");
    }
    this.model = model;
    this.stops = stops.clone();
    this.pad = pad;
    this.ticker = ticker;
  }

  private boolean isStop(int token) {
    for (int s : stops) {
      if (s == token) {
        return true;
      }
    }
    return false;
  }

  /**
   * Seconds the first pass of this instance's last {@link #generate} call took: the prompts'
   * prefill and the first draw of every row (time to first token).
   */
  public double lastPrefillSeconds() {
    return lastPrefillSeconds;
  }

  /** One response per prompt, in prompt order. */
  public List<Generation> generate(
      List<int[]> prompts, long[] seeds, SamplingParams params, boolean useCache) {
    if (prompts.size() != seeds.length) {
      throw new IllegalArgumentException(prompts.size() + " prompts but " + seeds.length + " seeds");
    }
    if (prompts.isEmpty()) {
      return List.of();
    }
    Rows rows = new Rows(prompts, seeds, params, model.spec().contextLength());
    try (GradMode g = GradMode.off()) {
      if (useCache) {
        runCached(rows);
      } else {
        runUncached(rows);
      }
    }
    return rows.results();
  }

  private void runCached(Rows rows) {
    TokenBatch first = TokenBatch.leftPadded(rows.prompts, pad);
    int b = rows.size();
    int capacity = first.length() + rows.maxNewTokens();
    try (CachedDecoder decoder = new CachedDecoder(model, b, capacity)) {
      boolean[] keyValid = first.valid();
      long start = ticker.nanos();
      try (NDManager step = model.manager().newSubManager()) {
        rows.sampleAll(decoder.lastProbs(ModelInputs.of(step, first, model.dtype()),
            rows.temperature));
      }
      lastPrefillSeconds = ticker.secondsSince(start);
      while (rows.anyActive()) {
        keyValid = extend(keyValid, rows);
        int tk = keyValid.length / b;
        float[] bias = AttentionMask.bias(keyValid, b, 1, tk);
        try (NDManager step = model.manager().newSubManager()) {
          ModelInputs in =
              ModelInputs.of(step, rows.lastTokens(pad), rows.positions(), bias, b, 1, tk,
                  model.dtype());
          rows.sampleAll(decoder.lastProbs(in, rows.temperature));
        }
      }
    }
  }

  private void runUncached(Rows rows) {
    boolean first = true;
    while (true) {
      long start = ticker.nanos();
      TokenBatch batch = TokenBatch.leftPadded(rows.sequences(), pad);
      try (NDManager step = model.manager().newSubManager()) {
        rows.sampleAll(lastProbs(ModelInputs.of(step, batch, model.dtype()), rows));
      }
      if (first) {
        lastPrefillSeconds = ticker.secondsSince(start);
        first = false;
      }
      if (!rows.anyActive()) {
        return;
      }
    }
  }

  /** Appends one key column: valid for rows still generating. */
  private static boolean[] extend(boolean[] keyValid, Rows rows) {
    int b = rows.size();
    int tk = keyValid.length / b;
    boolean[] next = new boolean[b * (tk + 1)];
    for (int r = 0; r < b; r++) {
      System.arraycopy(keyValid, r * tk, next, r * (tk + 1), tk);
      next[r * (tk + 1) + tk] = rows.active[r];
    }
    return next;
  }

  /** {@code softmax(logits / temperature)} of the last column of a full pass, (B * V) float32. */
  private float[] lastProbs(ModelInputs in, Rows rows) {
    NDArray hidden = model.hidden(in);
    long t = hidden.getShape().get(1);
    NDArray last = t == 1 ? hidden : hidden.get(":, {}:, :", t - 1);
    NDArray logits = model.logits(last);
    if (rows.temperature != 1.0) {
      logits = logits.mul(Scalars.of(logits.getManager(), 1.0 / rows.temperature, model.dtype()));
    }
    NDArray probs = logits.softmax(-1);
    return (probs.getDataType() == DataType.FLOAT32 ? probs : probs.toType(DataType.FLOAT32, false))
        .toFloatArray();
  }

  /** Per-row generation state. */
  private final class Rows {
    final List<int[]> prompts;
    final boolean[] active;
    private final SplittableRandom[] random;
    /** Each row's tokens and log-probs, sized for its limit: no per-token allocation. */
    private final int[][] tokens;
    private final float[][] logprobs;
    private final int[] count;
    private final boolean[] finished;
    final double temperature;
    private final int[] limit;
    private final Sampler sampler;
    private final int vocab;

    Rows(List<int[]> prompts, long[] seeds, SamplingParams params, int context) {
      this.prompts = prompts;
      int b = prompts.size();
      this.active = new boolean[b];
      this.finished = new boolean[b];
      this.random = new SplittableRandom[b];
      this.limit = new int[b];
      this.tokens = new int[b][];
      this.logprobs = new float[b][];
      this.count = new int[b];
      this.vocab = model.spec().vocabSize();
      this.sampler = new Sampler(params, vocab);
      this.temperature = params.temperature();
      for (int r = 0; r < b; r++) {
        int len = prompts.get(r).length;
        if (len < 1 || len >= context) {
          throw new IllegalArgumentException(
              "prompt " + r + " has " + len + " tokens; it needs 1 to " + (context - 1)
                  + " (context " + context + ")");
        }
        active[r] = true;
        random[r] = new SplittableRandom(seeds[r]);
        limit[r] = Math.min(params.maxNewTokens(), context - len);
        tokens[r] = new int[limit[r]];
        logprobs[r] = new float[limit[r]];
      }
      this.stopAtEos = params.stopAtEos();
    }

    private final boolean stopAtEos;

    int size() {
      return prompts.size();
    }

    /** The most tokens any row may still generate. */
    int maxNewTokens() {
      int most = 0;
      for (int l : limit) {
        most = Math.max(most, l);
      }
      return most;
    }

    boolean anyActive() {
      for (boolean a : active) {
        if (a) {
          return true;
        }
      }
      return false;
    }

    void sampleAll(float[] probs) {
      for (int r = 0; r < size(); r++) {
        if (!active[r]) {
          continue;
        }
        Sampler.Draw d = sampler.sample(probs, r * vocab, random[r]);
        tokens[r][count[r]] = d.token();
        logprobs[r][count[r]] = (float) d.logprob();
        count[r]++;
        if (stopAtEos && isStop(d.token())) {
          finished[r] = true;
          active[r] = false;
        } else if (count[r] >= limit[r]) {
          active[r] = false;
        }
      }
    }

    long[] lastTokens(int padToken) {
      long[] last = new long[size()];
      for (int r = 0; r < size(); r++) {
        last[r] = active[r] ? tokens[r][count[r] - 1] : padToken;
      }
      return last;
    }

    /** Position of each row's newest token: prompt length + generated - 1. */
    long[] positions() {
      long[] pos = new long[size()];
      for (int r = 0; r < size(); r++) {
        pos[r] = active[r] ? prompts.get(r).length + count[r] - 1 : 0;
      }
      return pos;
    }

    List<int[]> sequences() {
      List<int[]> seqs = new ArrayList<>();
      for (int r = 0; r < size(); r++) {
        int[] p = prompts.get(r);
        int[] s = Arrays.copyOf(p, p.length + count[r]);
        System.arraycopy(tokens[r], 0, s, p.length, count[r]);
        seqs.add(s);
      }
      return seqs;
    }

    List<Generation> results() {
      List<Generation> out = new ArrayList<>();
      for (int r = 0; r < size(); r++) {
        out.add(new Generation(Arrays.copyOf(tokens[r], count[r]),
            Arrays.copyOf(logprobs[r], count[r]), finished[r]));
      }
      return out;
    }
  }
}
