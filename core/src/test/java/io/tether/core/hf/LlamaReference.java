package io.tether.core.hf;

import java.util.Map;

/**
 * The Llama family's forward pass in double precision with plain loops, written from the Hugging
 * Face modelling code's semantics (RMSNorm, rotate-half rotary with the llama3 frequency scaling,
 * grouped-query attention, SwiGLU, tied or untied head) and reading the checkpoint's tensors; it
 * shares no code with Tether's model. One unpadded sequence, positions 0, 1, 2, ...
 */
final class LlamaReference implements ReferenceModel {
  private final Map<String, float[]> w;
  private final TinyLlama.Shape s;
  private final double[] invFreq;

  LlamaReference(TinyLlama m) {
    this.w = m.tensors;
    this.s = m.s;
    this.invFreq = new double[s.headDim() / 2];
    for (int i = 0; i < invFreq.length; i++) {
      double f = Math.pow(TinyLlama.THETA, -2.0 * i / s.headDim());
      if (s.llama3Scaling()) {
        // factor 4, low 1, high 4, original context 48 (TinyLlama.config): wavelengths of
        // 6.3 (kept), 29.7 (interpolated), 140 and 664 (divided by 4) at head_dim 8
        double wave = 2 * Math.PI / f;
        if (wave > 48.0) {
          f = f / 4;
        } else if (wave >= 12.0) {
          double smooth = (48.0 / wave - 1) / (4 - 1);
          f = (1 - smooth) * f / 4 + smooth * f;
        }
      }
      invFreq[i] = (float) f;
    }
  }

  @Override
  public double[][] hidden(int[] tokens) {
    int t = tokens.length;
    int d = s.d();
    double[][] x = new double[t][d];
    for (int i = 0; i < t; i++) {
      for (int j = 0; j < d; j++) {
        x[i][j] = w.get("model.embed_tokens.weight")[tokens[i] * d + j];
      }
    }
    for (int l = 0; l < s.layers(); l++) {
      String p = "model.layers." + l + ".";
      double[][] h = rms(x, p + "input_layernorm.weight");
      double[][] q = rope(headNorm(linear(h, p + "self_attn.q_proj", s.qkvBias()), s.heads(),
          p + "self_attn.q_norm.weight"), s.heads());
      double[][] k = rope(headNorm(linear(h, p + "self_attn.k_proj", s.qkvBias()), s.kvHeads(),
          p + "self_attn.k_norm.weight"), s.kvHeads());
      double[][] v = linear(h, p + "self_attn.v_proj", s.qkvBias());
      add(x, linear(attention(q, k, v), p + "self_attn.o_proj", false));
      double[][] h2 = rms(x, p + "post_attention_layernorm.weight");
      double[][] gate = linear(h2, p + "mlp.gate_proj", false);
      double[][] up = linear(h2, p + "mlp.up_proj", false);
      for (int i = 0; i < t; i++) {
        for (int j = 0; j < gate[i].length; j++) {
          gate[i][j] = gate[i][j] / (1 + Math.exp(-gate[i][j])) * up[i][j];
        }
      }
      add(x, linear(gate, p + "mlp.down_proj", false));
    }
    return rms(x, "model.norm.weight");
  }

  @Override
  public double[][] logits(int[] tokens) {
    double[][] f = hidden(tokens);
    int t = tokens.length;
    int d = s.d();
    float[] head = w.get(s.tied() ? "model.embed_tokens.weight" : "lm_head.weight");
    double[][] out = new double[t][s.vocab()];
    for (int i = 0; i < t; i++) {
      for (int v = 0; v < s.vocab(); v++) {
        for (int j = 0; j < d; j++) {
          out[i][v] += f[i][j] * head[v * d + j];
        }
      }
    }
    return out;
  }

  /** Qwen3: each head's slice RMSNorm'd over the head dimension (identity without q/k norms). */
  private double[][] headNorm(double[][] a, int heads, String weight) {
    if (!s.qkNorm()) {
      return a;
    }
    int hd = s.headDim();
    double[][] out = new double[a.length][a[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int h = 0; h < heads; h++) {
        double ms = 0;
        for (int c = 0; c < hd; c++) {
          ms += a[i][h * hd + c] * a[i][h * hd + c] / hd;
        }
        for (int c = 0; c < hd; c++) {
          out[i][h * hd + c] = a[i][h * hd + c] / Math.sqrt(ms + TinyLlama.EPS)
              * w.get(weight)[c];
        }
      }
    }
    return out;
  }

  private double[][] rope(double[][] a, int heads) {
    int hd = s.headDim();
    int half = hd / 2;
    double[][] out = new double[a.length][a[0].length];
    for (int pos = 0; pos < a.length; pos++) {
      for (int h = 0; h < heads; h++) {
        for (int i = 0; i < half; i++) {
          double angle = (float) (pos * invFreq[i]);
          double c = Math.cos(angle);
          double sn = Math.sin(angle);
          double x1 = a[pos][h * hd + i];
          double x2 = a[pos][h * hd + half + i];
          out[pos][h * hd + i] = x1 * c - x2 * sn;
          out[pos][h * hd + half + i] = x2 * c + x1 * sn;
        }
      }
    }
    return out;
  }

  private double[][] attention(double[][] q, double[][] k, double[][] v) {
    int t = q.length;
    int hd = s.headDim();
    int rep = s.heads() / s.kvHeads();
    double[][] y = new double[t][s.heads() * hd];
    for (int h = 0; h < s.heads(); h++) {
      int g = h / rep;
      for (int i = 0; i < t; i++) {
        double[] e = new double[i + 1];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j <= i; j++) {
          for (int c = 0; c < hd; c++) {
            e[j] += q[i][h * hd + c] * k[j][g * hd + c];
          }
          e[j] /= Math.sqrt(hd);
          max = Math.max(max, e[j]);
        }
        double z = 0;
        for (int j = 0; j <= i; j++) {
          e[j] = Math.exp(e[j] - max);
          z += e[j];
        }
        for (int j = 0; j <= i; j++) {
          for (int c = 0; c < hd; c++) {
            y[i][h * hd + c] += e[j] / z * v[j][g * hd + c];
          }
        }
      }
    }
    return y;
  }

  /** y = x W^T (+ b), W stored [out, in]. */
  private double[][] linear(double[][] x, String name, boolean bias) {
    float[] weight = w.get(name + ".weight");
    int in = x[0].length;
    int out = weight.length / in;
    double[][] y = new double[x.length][out];
    for (int i = 0; i < x.length; i++) {
      for (int o = 0; o < out; o++) {
        double acc = bias ? w.get(name + ".bias")[o] : 0;
        for (int c = 0; c < in; c++) {
          acc += x[i][c] * weight[o * in + c];
        }
        y[i][o] = acc;
      }
    }
    return y;
  }

  private double[][] rms(double[][] x, String name) {
    double[][] y = new double[x.length][x[0].length];
    for (int i = 0; i < x.length; i++) {
      double ms = 0;
      for (double v : x[i]) {
        ms += v * v / x[i].length;
      }
      for (int j = 0; j < x[i].length; j++) {
        y[i][j] = x[i][j] / Math.sqrt(ms + TinyLlama.EPS) * w.get(name)[j];
      }
    }
    return y;
  }

  private static void add(double[][] x, double[][] y) {
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x[i].length; j++) {
        x[i][j] += y[i][j];
      }
    }
  }
}
