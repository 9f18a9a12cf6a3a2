package io.tether.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;

/**
 * One Llama-family block: {@code x + o(attn(rope(q), rope(k), v))} over RMSNorm'd input (q and k
 * each RMSNorm'd per head first in Qwen3), then
 * {@code x + down(silu(gate(h)) * up(h))}; grouped-query attention repeats each key/value head
 * for {@code nHead / nKvHead} query heads (head j reads key/value head j / nRep).
 */
final class LlamaLayer {
  private final ModelSpec spec;
  private final ParameterSet p;
  private final String prefix;
  private final int nRep;

  LlamaLayer(ModelSpec spec, ParameterSet params, String prefix) {
    this.spec = spec;
    this.p = params;
    this.prefix = prefix;
    this.nRep = spec.nHead() / spec.llama().nKvHead();
  }

  /**
   * @param x (B, T, D)
   * @param bias (B, 1, T, T) additive attention bias
   * @param cos (B, 1, T, Dh) rotary cosines of each column's position
   * @param sin (B, 1, T, Dh) rotary sines
   */
  NDArray forward(NDArray x, NDArray bias, NDArray cos, NDArray sin, NDArray attnScale) {
    NDArray h = rmsNorm(x, w("ln1.weight"), spec.layerNormEps());
    x = x.add(attention(h, bias, cos, sin, attnScale));
    NDArray h2 = rmsNorm(x, w("ln2.weight"), spec.layerNormEps());
    NDArray gate = Linear.linear(h2, w("mlp.gate.weight")).head();
    NDArray up = Linear.linear(h2, w("mlp.up.weight")).head();
    return x.add(Linear.linear(Activation.sigmoid(gate).mul(gate).mul(up),
        w("mlp.down.weight")).head());
  }

  private NDArray attention(NDArray h, NDArray bias, NDArray cos, NDArray sin,
      NDArray attnScale) {
    long b = h.getShape().get(0);
    long t = h.getShape().get(1);
    int kv = spec.llama().nKvHead();
    NDArray q = rotate(headNorm(heads(project(h, "q"), b, t, spec.nHead()), "q"), cos, sin);
    NDArray k = repeat(rotate(headNorm(heads(project(h, "k"), b, t, kv), "k"), cos, sin), b, t);
    NDArray v = repeat(heads(project(h, "v"), b, t, kv), b, t);
    NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(attnScale).add(bias);
    NDArray y = scores.softmax(-1).matMul(v);
    NDArray merged = y.transpose(0, 2, 1, 3).reshape(b, t, (long) spec.nHead() * spec.headDim());
    return Linear.linear(merged, w("attn.o.weight")).head();
  }

  private NDArray project(NDArray h, String which) {
    String base = "attn." + which + ".";
    return spec.llama().qkvBias()
        ? Linear.linear(h, w(base + "weight"), w(base + "bias")).head()
        : Linear.linear(h, w(base + "weight")).head();
  }

  /** Qwen3's RMSNorm of each head over Dh, before the rotation; the identity elsewhere. */
  private NDArray headNorm(NDArray a, String which) {
    return spec.llama().qkNorm()
        ? rmsNorm(a, w("attn." + which + "_norm.weight"), spec.layerNormEps()) : a;
  }

  /** (B, T, n * Dh) -> (B, n, T, Dh). */
  private NDArray heads(NDArray a, long b, long t, int n) {
    return a.reshape(b, t, n, spec.headDim()).transpose(0, 2, 1, 3);
  }

  /** (B, KV, T, Dh) -> (B, KV * nRep, T, Dh), each key/value head nRep times in a row. */
  private NDArray repeat(NDArray a, long b, long t) {
    if (nRep == 1) {
      return a;
    }
    return a.expandDims(2).repeat(2, nRep)
        .reshape(b, (long) spec.nHead(), t, spec.headDim());
  }

  /** x * cos + rotate_half(x) * sin, rotate_half(x) = [-x2, x1] over the halves of Dh. */
  static NDArray rotate(NDArray x, NDArray cos, NDArray sin) {
    long half = x.getShape().get(3) / 2;
    NDArray x1 = x.get("..., :{}", half);
    NDArray x2 = x.get("..., {}:", half);
    return x.mul(cos).add(x2.neg().concat(x1, -1).mul(sin));
  }

  /**
   * x / sqrt(mean(x^2) + eps) * weight over the last axis. Not {@code pow(-1)}: with DJL's
   * scalar-exponent pow the first training of a JVM gave NaN losses or run-to-run differences
   * (one in three runs; later trainings in the same JVM were exact); with div it is exact every
   * time. Our guess: the exponent is a Java-backed tensor that the backward pass reads late.
   */
  static NDArray rmsNorm(NDArray x, NDArray weight, double eps) {
    NDArray ms = x.square().mean(new int[] {-1}, true);
    return x.div(ms.add(eps).sqrt()).mul(weight);
  }

  private NDArray w(String name) {
    return p.get(prefix + name);
  }
}
