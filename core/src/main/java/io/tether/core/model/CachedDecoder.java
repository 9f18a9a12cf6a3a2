package io.tether.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import io.tether.core.djl.DjlRuntime;
import io.tether.core.djl.TorchScript;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Prefill and decode passes of an LM model over a KV cache, each pass one native call.
 *
 * <p>The pass is a TorchScript module ({@code CachedDecoder.torchscript}, compiled once per JVM)
 * that computes what {@link GptModel#hidden} computes and reads out the sampling distribution of
 * each row's last column. Done op by op from Java, a decode step of the small preset made ~120
 * JNI calls, each with DJL's per-array bookkeeping; in one call the step at batch 32 is 1.15-1.2x
 * and at batch 1 1.3-1.4x faster, and attention runs PyTorch's fused
 * {@code scaled_dot_product_attention}, which DJL does not bind.
 *
 * <p>Keys and values of every layer live in buffers (B, H, capacity, Dh) allocated up front; a
 * pass writes its columns in place and attends over the first {@code length()} of them.
 */
public final class CachedDecoder implements AutoCloseable {
  private static final String CLASS = "CachedDecoder";
  private static final String LLAMA_CLASS = "LlamaDecoder";
  private static final java.util.Map<String, PtSymbolBlock> MODULES =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final GptModel model;
  private final NDManager manager;
  private final int batch;
  private final int capacity;
  private final IValue weights;
  private final IValue keys;
  private final IValue values;
  private long length;

  /**
   * A decoder for {@code batch} rows with room for {@code capacity} columns (prompt plus new
   * tokens); its buffers are owned by a sub-manager of the model's.
   */
  public CachedDecoder(GptModel model, int batch, int capacity) {
    if (model.spec().head() != HeadKind.LM) {
      throw new IllegalArgumentException("a cached decoder needs an LM model, got "
          + model.spec().head());
    }
    if (batch < 1 || capacity < 1) {
      throw new IllegalArgumentException(
          "batch and capacity must be >= 1, got " + batch + " and " + capacity);
    }
    this.model = model;
    this.batch = batch;
    this.capacity = capacity;
    this.manager = model.manager().newSubManager();
    ModelSpec s = model.spec();
    int kvHeads = s.isLlama() ? s.llama().nKvHead() : s.nHead();
    Shape shape = new Shape(batch, kvHeads, capacity, s.headDim());
    // uninitialised: only columns already written are ever read
    this.keys = IValue.listFrom(buffers(shape, s.nLayer()));
    this.values = IValue.listFrom(buffers(shape, s.nLayer()));
    this.weights = IValue.listFrom(weightList(model));
  }

  /** Columns held so far. */
  public long length() {
    return length;
  }

  /**
   * Runs the columns of {@code in} after those held and returns {@code softmax(logits /
   * temperature)} of each row's last column as (B * V) row-major float32.
   *
   * @param in tokens and positions (B, Tq); bias (B, 1, Tq, length() + Tq)
   */
  public float[] lastProbs(ModelInputs in, double temperature) {
    Shape bias = in.bias().getShape();
    long tq = in.tokens().getShape().get(1);
    if (in.tokens().getShape().get(0) != batch || bias.get(3) != length + tq) {
      throw new IllegalArgumentException("expected " + batch + " rows and a bias over "
          + (length + tq) + " key columns, got tokens " + in.tokens().getShape() + ", bias "
          + bias);
    }
    if (length + tq > capacity) {
      throw new IllegalStateException("the cache holds " + capacity + " columns; " + length
          + " are used and the pass brings " + tq);
    }
    float[] probs = run(in, temperature);
    length += tq;
    return probs;
  }

  private float[] run(ModelInputs in, double temperature) {
    if (model.spec().isLlama()) {
      return runLlama(in, temperature);
    }
    try (NDManager call = manager.newSubManager();
        IValue tokens = IValue.from((PtNDArray) in.tokens());
        IValue positions = IValue.from((PtNDArray) in.positions());
        IValue bias = IValue.from((PtNDArray) in.bias());
        IValue start = IValue.from(length);
        IValue heads = IValue.from((long) model.spec().nHead());
        IValue invTemperature = IValue.from(1.0 / temperature);
        IValue eps = IValue.from(model.spec().layerNormEps());
        IValue gelu = IValue.from(model.spec().activation() == MlpActivation.GELU_TANH);
        IValue out = module(CLASS).forward(tokens, positions, bias, weights, keys, values,
            start, heads, invTemperature, eps, gelu)) {
      return out.toTensor((PtNDManager) call).toFloatArray();
    }
  }

  private float[] runLlama(ModelInputs in, double temperature) {
    ModelSpec s = model.spec();
    try (NDManager call = manager.newSubManager()) {
      NDArray[] cosSin = Rotary.cosSin(in.positions(), s.llama(), model.dtype());
      for (NDArray a : cosSin) {
        a.attach(call);
      }
      try (IValue tokens = IValue.from((PtNDArray) in.tokens());
          IValue cos = IValue.from((PtNDArray) cosSin[0]);
          IValue sin = IValue.from((PtNDArray) cosSin[1]);
          IValue bias = IValue.from((PtNDArray) in.bias());
          IValue start = IValue.from(length);
          IValue heads = IValue.from((long) s.nHead());
          IValue kv = IValue.from((long) s.llama().nKvHead());
          IValue headDim = IValue.from((long) s.headDim());
          IValue invTemperature = IValue.from(1.0 / temperature);
          IValue eps = IValue.from(s.layerNormEps());
          IValue qkNorm = IValue.from(s.llama().qkNorm());
          IValue out = module(LLAMA_CLASS).forward(tokens, cos, sin, bias, weights, keys,
              values, start, heads, kv, headDim, invTemperature, eps, qkNorm)) {
        return out.toTensor((PtNDManager) call).toFloatArray();
      }
    }
  }

  private PtNDArray[] buffers(Shape shape, int n) {
    PtNDArray[] b = new PtNDArray[n];
    for (int i = 0; i < n; i++) {
      b[i] = (PtNDArray) manager.create(shape, model.dtype());
    }
    return b;
  }

  /** The arrays in the order the script reads them. */
  private PtNDArray[] weightList(GptModel model) {
    ParameterSet p = model.parameters();
    if (model.spec().isLlama()) {
      return llamaWeights(model, p);
    }
    List<NDArray> w = new ArrayList<>(
        List.of(p.get("wte"), p.get("wpe"), p.get("ln_f.gamma"), p.get("ln_f.beta")));
    for (int i = 0; i < model.spec().nLayer(); i++) {
      for (String name : TransformerLayer.PARAMETERS) {
        w.add(p.get("layers." + i + "." + name));
      }
    }
    return w.toArray(new PtNDArray[0]);
  }

  /**
   * LlamaDecoder's order; zero biases and unit q/k norms (owned by this decoder) where the model
   * has none.
   */
  private PtNDArray[] llamaWeights(GptModel model, ParameterSet p) {
    ModelSpec s = model.spec();
    List<NDArray> w = new ArrayList<>(List.of(p.get("wte"), p.get("ln_f.weight"),
        p.get(p.contains("lm_head") ? "lm_head" : "wte")));
    for (int i = 0; i < s.nLayer(); i++) {
      String n = "layers." + i + ".";
      w.add(p.get(n + "ln1.weight"));
      for (String proj : List.of("q", "k", "v")) {
        NDArray weight = p.get(n + "attn." + proj + ".weight");
        w.add(weight);
        w.add(s.llama().qkvBias() ? p.get(n + "attn." + proj + ".bias")
            : manager.zeros(new Shape(weight.getShape().get(0)), model.dtype()));
      }
      for (String norm : List.of("attn.q_norm.weight", "attn.k_norm.weight")) {
        w.add(s.llama().qkNorm() ? p.get(n + norm)
            : manager.ones(new Shape(s.headDim()), model.dtype()));
      }
      for (String name : List.of("attn.o.weight", "ln2.weight", "mlp.gate.weight",
          "mlp.up.weight", "mlp.down.weight")) {
        w.add(p.get(n + name));
      }
    }
    return w.toArray(new PtNDArray[0]);
  }

  /** The compiled script of {@code className}, shared by every decoder of this JVM. */
  private static PtSymbolBlock module(String className) {
    // owned by a manager that lives as long as the engine: a module is never closed
    return MODULES.computeIfAbsent(className, c -> TorchScript.compile(
        DjlRuntime.engine().newBaseManager(), c, source(c)));
  }

  private static String source(String className) {
    try (InputStream in = CachedDecoder.class.getResourceAsStream(
        className + ".torchscript")) {
      if (in == null) {
        throw new IllegalStateException(className
            + ".torchscript is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    weights.close();
    keys.close();
    values.close();
    manager.close();
  }
}
