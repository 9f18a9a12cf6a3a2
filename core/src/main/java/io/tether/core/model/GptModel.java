package io.tether.core.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import io.tether.core.djl.DjlRuntime;
import io.tether.core.djl.Scalars;
import java.util.ArrayList;
import java.util.List;

/**
 * A GPT-style decoder: token and position embeddings, pre-LayerNorm transformer blocks, a final
 * LayerNorm and one head (LM logits tied to the token embedding, a per-token value, or a
 * per-sequence reward). Owns its parameters; close it to free them.
 *
 * <p>Shapes: B batch, T columns, D = dModel, V = vocabulary.
 */
public final class GptModel implements AutoCloseable {
  private final ModelSpec spec;
  private final NDManager manager;
  private final DataType dtype;
  private final ParameterSet params;
  private final List<TransformerLayer> layers = new ArrayList<>();
  private final List<LlamaLayer> llamaLayers = new ArrayList<>();
  private final NDArray attnScale;
  private final Shape normShape;

  private GptModel(ModelSpec spec, NDManager manager, DataType dtype, ParameterSet params) {
    this.spec = spec;
    this.manager = manager;
    this.dtype = dtype;
    this.params = params;
    for (int i = 0; i < spec.nLayer(); i++) {
      if (spec.isLlama()) {
        llamaLayers.add(new LlamaLayer(spec, params, "layers." + i + "."));
      } else {
        layers.add(new TransformerLayer(spec, params, "layers." + i + "."));
      }
    }
    this.attnScale = Scalars.of(manager, 1.0 / Math.sqrt(spec.headDim()), dtype);
    this.normShape = new Shape(spec.dModel());
  }

  /** A freshly initialised model; the same seed gives the same weights. */
  public static GptModel create(ModelSpec spec, long seed, DataType dtype, Device device) {
    NDManager manager = DjlRuntime.engine().newBaseManager(device);
    return new GptModel(spec, manager, dtype, ParameterInit.initialize(manager, spec, dtype, seed));
  }

  /**
   * A model with the given parameter values ({@code values} returns each parameter's row-major
   * float32 values by its Tether name: an imported checkpoint).
   */
  public static GptModel fromValues(ModelSpec spec, DataType dtype, Device device,
      java.util.function.Function<String, float[]> values) {
    NDManager manager = DjlRuntime.engine().newBaseManager(device);
    try {
      return new GptModel(spec, manager, dtype,
          ParameterInit.fromValues(manager, spec, dtype, values));
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** Every parameter's name and shape, in a fixed order. */
  public static java.util.Map<String, Shape> parameterShapes(ModelSpec spec) {
    java.util.Map<String, Shape> shapes = new java.util.LinkedHashMap<>();
    ParameterInit.layout(spec).forEach((n, slot) -> shapes.put(n, slot.shape()));
    return shapes;
  }

  /** A float32 model on the default device. */
  public static GptModel create(ModelSpec spec, long seed) {
    return create(spec, seed, DataType.FLOAT32, null);
  }

  /** Wraps parameters already loaded into {@code manager} (which the model then owns). */
  static GptModel wrap(ModelSpec spec, NDManager manager, DataType dtype, ParameterSet params) {
    return new GptModel(spec, manager, dtype, params);
  }

  public ModelSpec spec() {
    return spec;
  }

  public DataType dtype() {
    return dtype;
  }

  public Device device() {
    return manager.getDevice();
  }

  /** The model's manager: parents per-call sub-managers. */
  public NDManager manager() {
    return manager;
  }

  public ParameterSet parameters() {
    return params;
  }

  /**
   * Final hidden states after {@code ln_f} of a full pass ({@link CachedDecoder} runs passes over
   * a KV cache).
   *
   * @return (B, T, D)
   */
  public NDArray hidden(ModelInputs in) {
    if (spec.isLlama()) {
      return llamaHidden(in);
    }
    NDArray x = embed(in.tokens(), params.get("wte")).add(embed(in.positions(), params.get("wpe")));
    for (int i = 0; i < layers.size(); i++) {
      x = layers.get(i).forward(x, in.bias(), attnScale);
    }
    return LayerNorm.layerNorm(x, normShape, params.get("ln_f.gamma"), params.get("ln_f.beta"),
            (float) spec.layerNormEps())
        .head();
  }

  private NDArray llamaHidden(ModelInputs in) {
    NDArray x = embed(in.tokens(), params.get("wte"));
    NDArray[] cosSin = Rotary.cosSin(in.positions(), spec.llama(), dtype);
    for (LlamaLayer layer : llamaLayers) {
      x = layer.forward(x, in.bias(), cosSin[0], cosSin[1], attnScale);
    }
    return LlamaLayer.rmsNorm(x, params.get("ln_f.weight"), spec.layerNormEps());
  }

  /**
   * Next-token logits (B, T, V) from hidden states (B, T, D); the LM head is the tied wte, or
   * {@code lm_head} for a Llama-family model with untied embeddings.
   */
  public NDArray logits(NDArray hidden) {
    return Linear.linear(hidden, params.get(params.contains("lm_head") ? "lm_head" : "wte"))
        .head();
  }

  /** Per-token scalars (B, T) from the value/reward head. */
  public NDArray values(NDArray hidden) {
    if (spec.head() == HeadKind.LM) {
      throw new IllegalStateException("an LM model has no value head");
    }
    NDArray v = Linear.linear(hidden, params.get("head.weight"), params.get("head.bias")).head();
    return v.squeeze(-1);
  }

  private static NDArray embed(NDArray ids, NDArray table) {
    return Embedding.embedding(ids, table, SparseFormat.DENSE).head();
  }

  @Override
  public void close() {
    manager.close();
  }
}
