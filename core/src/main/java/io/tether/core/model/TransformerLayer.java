package io.tether.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import java.util.List;

/**
 * One pre-LayerNorm transformer block: {@code x + attn(ln1(x))}, then {@code x + mlp(ln2(x))},
 * with causal multi-head self-attention and a GELU MLP of width 4 * d (exact or tanh GELU and
 * the LayerNorm epsilon as the spec says).
 */
final class TransformerLayer {
  /** The block's parameter names after its prefix, in the order {@link CachedDecoder} reads them. */
  static final List<String> PARAMETERS = List.of(
      "ln1.gamma", "ln1.beta", "attn.qkv.weight", "attn.qkv.bias", "attn.out.weight",
      "attn.out.bias", "ln2.gamma", "ln2.beta", "mlp.fc.weight", "mlp.fc.bias",
      "mlp.proj.weight", "mlp.proj.bias");

  private final int nHead;
  private final int headDim;
  private final float eps;
  private final MlpActivation activation;
  private final Shape normShape;
  private final NDArray ln1Gamma;
  private final NDArray ln1Beta;
  private final NDArray qkvWeight;
  private final NDArray qkvBias;
  private final NDArray outWeight;
  private final NDArray outBias;
  private final NDArray ln2Gamma;
  private final NDArray ln2Beta;
  private final NDArray fcWeight;
  private final NDArray fcBias;
  private final NDArray projWeight;
  private final NDArray projBias;

  TransformerLayer(ModelSpec spec, ParameterSet params, String prefix) {
    this.nHead = spec.nHead();
    this.headDim = spec.headDim();
    this.eps = (float) spec.layerNormEps();
    this.activation = spec.activation();
    this.normShape = new Shape(spec.dModel());
    this.ln1Gamma = params.get(prefix + "ln1.gamma");
    this.ln1Beta = params.get(prefix + "ln1.beta");
    this.qkvWeight = params.get(prefix + "attn.qkv.weight");
    this.qkvBias = params.get(prefix + "attn.qkv.bias");
    this.outWeight = params.get(prefix + "attn.out.weight");
    this.outBias = params.get(prefix + "attn.out.bias");
    this.ln2Gamma = params.get(prefix + "ln2.gamma");
    this.ln2Beta = params.get(prefix + "ln2.beta");
    this.fcWeight = params.get(prefix + "mlp.fc.weight");
    this.fcBias = params.get(prefix + "mlp.fc.bias");
    this.projWeight = params.get(prefix + "mlp.proj.weight");
    this.projBias = params.get(prefix + "mlp.proj.bias");
  }

  /**
   * @param x (B, Tq, D) residual stream
   * @param bias (B, 1, Tq, Tk) additive attention bias
   * @param attnScale 0-d constant 1 / sqrt(headDim)
   * @return (B, Tq, D)
   */
  NDArray forward(NDArray x, NDArray bias, NDArray attnScale) {
    NDArray h = LayerNorm.layerNorm(x, normShape, ln1Gamma, ln1Beta, eps).head();
    x = x.add(attention(h, bias, attnScale));
    NDArray h2 = LayerNorm.layerNorm(x, normShape, ln2Gamma, ln2Beta, eps).head();
    NDArray m = activation.apply(Linear.linear(h2, fcWeight, fcBias).head());
    return x.add(Linear.linear(m, projWeight, projBias).head());
  }

  private NDArray attention(NDArray h, NDArray bias, NDArray attnScale) {
    long b = h.getShape().get(0);
    long t = h.getShape().get(1);
    NDList qkv = Linear.linear(h, qkvWeight, qkvBias).head().split(3, 2);
    NDArray q = heads(qkv.get(0), b, t);
    NDArray k = heads(qkv.get(1), b, t);
    NDArray v = heads(qkv.get(2), b, t);
    NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(attnScale).add(bias);
    NDArray y = scores.softmax(-1).matMul(v);
    NDArray merged = y.transpose(0, 2, 1, 3).reshape(b, t, (long) nHead * headDim);
    return Linear.linear(merged, outWeight, outBias).head();
  }

  /** (B, T, D) -> (B, H, T, Dh). */
  private NDArray heads(NDArray a, long b, long t) {
    return a.reshape(b, t, nHead, headDim).transpose(0, 2, 1, 3);
  }
}
