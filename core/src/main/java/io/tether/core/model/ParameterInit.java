package io.tether.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.tether.core.djl.Scalars;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The parameter layout of a {@link ModelSpec} and its initialisation from a seed, on the Java side,
 * so that the same seed gives the same weights on every machine and engine: N(0, 0.02) weights,
 * residual projections scaled by 1 / sqrt(2 * nLayer) (GPT-2), zero biases, unit LayerNorm gains.
 */
final class ParameterInit {
  private static final double STD = 0.02;

  /** How one parameter starts: N(0, std) when {@code std > 0}, else filled with {@code constant}. */
  record Slot(Shape shape, double std, float constant) {}

  private ParameterInit() {}

  /** Every parameter's name and initial distribution, in a fixed order. */
  static Map<String, Slot> layout(ModelSpec spec) {
    if (spec.isLlama()) {
      return llamaLayout(spec);
    }
    int d = spec.dModel();
    double residualStd = STD / Math.sqrt(2.0 * spec.nLayer());
    Map<String, Slot> p = new LinkedHashMap<>();
    p.put("wte", normal(STD, spec.vocabSize(), d));
    p.put("wpe", normal(STD, spec.contextLength(), d));
    for (int i = 0; i < spec.nLayer(); i++) {
      String l = "layers." + i + ".";
      p.put(l + "ln1.gamma", constant(1, d));
      p.put(l + "ln1.beta", constant(0, d));
      p.put(l + "attn.qkv.weight", normal(STD, 3 * d, d));
      p.put(l + "attn.qkv.bias", constant(0, 3 * d));
      p.put(l + "attn.out.weight", normal(residualStd, d, d));
      p.put(l + "attn.out.bias", constant(0, d));
      p.put(l + "ln2.gamma", constant(1, d));
      p.put(l + "ln2.beta", constant(0, d));
      p.put(l + "mlp.fc.weight", normal(STD, 4 * d, d));
      p.put(l + "mlp.fc.bias", constant(0, 4 * d));
      p.put(l + "mlp.proj.weight", normal(residualStd, d, 4 * d));
      p.put(l + "mlp.proj.bias", constant(0, d));
    }
    p.put("ln_f.gamma", constant(1, d));
    p.put("ln_f.beta", constant(0, d));
    if (spec.head() != HeadKind.LM) {
      p.put("head.weight", normal(STD, 1, d));
      p.put("head.bias", constant(0, 1));
    }
    return p;
  }

  /**
   * The Llama family's parameters: token embedding, per block {@code ln1.weight} (RMSNorm),
   * q/k/v (biases when {@link LlamaShape#qkvBias}) and o projections, {@code ln2.weight}, the
   * SwiGLU's gate, up and down; the final norm; {@code lm_head} when untied.
   */
  private static Map<String, Slot> llamaLayout(ModelSpec spec) {
    LlamaShape l = spec.llama();
    int d = spec.dModel();
    int q = spec.nHead() * l.headDim();
    int kv = l.nKvHead() * l.headDim();
    double residualStd = STD / Math.sqrt(2.0 * spec.nLayer());
    Map<String, Slot> p = new LinkedHashMap<>();
    p.put("wte", normal(STD, spec.vocabSize(), d));
    for (int i = 0; i < spec.nLayer(); i++) {
      String n = "layers." + i + ".";
      p.put(n + "ln1.weight", constant(1, d));
      p.put(n + "attn.q.weight", normal(STD, q, d));
      p.put(n + "attn.k.weight", normal(STD, kv, d));
      p.put(n + "attn.v.weight", normal(STD, kv, d));
      if (l.qkvBias()) {
        p.put(n + "attn.q.bias", constant(0, q));
        p.put(n + "attn.k.bias", constant(0, kv));
        p.put(n + "attn.v.bias", constant(0, kv));
      }
      if (l.qkNorm()) {
        p.put(n + "attn.q_norm.weight", constant(1, l.headDim()));
        p.put(n + "attn.k_norm.weight", constant(1, l.headDim()));
      }
      p.put(n + "attn.o.weight", normal(residualStd, d, q));
      p.put(n + "ln2.weight", constant(1, d));
      p.put(n + "mlp.gate.weight", normal(STD, l.intermediate(), d));
      p.put(n + "mlp.up.weight", normal(STD, l.intermediate(), d));
      p.put(n + "mlp.down.weight", normal(residualStd, d, l.intermediate()));
    }
    p.put("ln_f.weight", constant(1, d));
    if (spec.head() == HeadKind.LM && !l.tiedEmbeddings()) {
      p.put("lm_head", normal(STD, spec.vocabSize(), d));
    }
    if (spec.head() != HeadKind.LM) {
      p.put("head.weight", normal(STD, 1, d));
      p.put("head.bias", constant(0, 1));
    }
    return p;
  }

  /**
   * Parameters for {@code spec} with the given values (row-major float32, one array per name of
   * {@link #layout}), owned by {@code manager}.
   */
  static ParameterSet fromValues(NDManager manager, ModelSpec spec, DataType dtype,
      Function<String, float[]> values) {
    ParameterSet set = new ParameterSet();
    for (Map.Entry<String, Slot> e : layout(spec).entrySet()) {
      float[] v = values.apply(e.getKey());
      Shape shape = e.getValue().shape();
      if (v.length != shape.size()) {
        throw new IllegalArgumentException("parameter " + e.getKey() + ": " + v.length
            + " values for shape " + shape);
      }
      NDArray a = manager.create(v, shape);
      NDArray typed = dtype == DataType.FLOAT32 ? a : a.toType(dtype, false);
      if (typed != a) {
        a.close();
      }
      set.put(e.getKey(), Scalars.owned(typed));
    }
    return set;
  }

  /** Fresh parameters for {@code spec}, owned by {@code manager}. */
  static ParameterSet initialize(NDManager manager, ModelSpec spec, DataType dtype, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    ParameterSet set = new ParameterSet();
    for (Map.Entry<String, Slot> e : layout(spec).entrySet()) {
      set.put(e.getKey(), create(manager, e.getValue(), dtype, random));
    }
    return set;
  }

  private static NDArray create(NDManager manager, Slot slot, DataType dtype, SplittableRandom r) {
    if (slot.std() <= 0) {
      return manager.full(slot.shape(), slot.constant(), dtype);
    }
    double[] values = new double[Math.toIntExact(slot.shape().size())];
    for (int i = 0; i < values.length; i++) {
      values[i] = slot.std() * gaussian(r);
    }
    return Scalars.owned(manager.create(values, slot.shape()).toType(dtype, false));
  }

  private static Slot normal(double std, long... dims) {
    return new Slot(new Shape(dims), std, 0f);
  }

  private static Slot constant(float value, long... dims) {
    return new Slot(new Shape(dims), 0, value);
  }

  /** Box-Muller on the seeded stream. */
  private static double gaussian(SplittableRandom random) {
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
