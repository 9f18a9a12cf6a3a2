package io.tether.core.hf;

import java.util.Map;

/**
 * GPT-2's forward pass in double precision with plain loops, written from the Hugging Face
 * modelling code's semantics and reading the checkpoint's own tensors (Conv1D: y = x W + b with
 * W [in, out]); it shares no code with Tether's model. One unpadded sequence at a time, positions
 * 0, 1, 2, ...
 */
final class Gpt2Reference implements ReferenceModel {
  private final Map<String, float[]> w;
  private final int d;
  private final int heads;
  private final int layers;
  private final int vocab;
  private final double eps;
  private final boolean tanhGelu;

  Gpt2Reference(Map<String, float[]> tensors, int d, int heads, int layers, int vocab,
      double eps, boolean tanhGelu) {
    this.w = tensors;
    this.d = d;
    this.heads = heads;
    this.layers = layers;
    this.vocab = vocab;
    this.eps = eps;
    this.tanhGelu = tanhGelu;
  }

  /** Logits [T][V] at every position of {@code tokens}. */
  @Override
  public double[][] hidden(int[] tokens) {
    int t = tokens.length;
    double[][] x = new double[t][d];
    for (int i = 0; i < t; i++) {
      for (int j = 0; j < d; j++) {
        x[i][j] = w.get("wte.weight")[tokens[i] * d + j] + w.get("wpe.weight")[i * d + j];
      }
    }
    for (int l = 0; l < layers; l++) {
      String p = "h." + l + ".";
      double[][] h = norm(x, p + "ln_1");
      add(x, linear(attention(linear(h, p + "attn.c_attn", 3 * d)), p + "attn.c_proj", d));
      double[][] m = linear(norm(x, p + "ln_2"), p + "mlp.c_fc", 4 * d);
      for (double[] row : m) {
        for (int j = 0; j < row.length; j++) {
          row[j] = gelu(row[j]);
        }
      }
      add(x, linear(m, p + "mlp.c_proj", d));
    }
    return norm(x, "ln_f");
  }

  @Override
  public double[][] logits(int[] tokens) {
    double[][] f = hidden(tokens);
    int t = tokens.length;
    double[][] out = new double[t][vocab];
    for (int i = 0; i < t; i++) {
      for (int v = 0; v < vocab; v++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          s += f[i][j] * w.get("wte.weight")[v * d + j];
        }
        out[i][v] = s;
      }
    }
    return out;
  }

  private double gelu(double v) {
    if (tanhGelu) {
      return 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
    }
    return 0.5 * v * (1 + erf(v / Math.sqrt(2)));
  }

  /** erf by the Chebyshev fit of erfc in Numerical Recipes (relative error below 1.2e-7). */
  private static double erf(double z) {
    double t = 1.0 / (1.0 + 0.5 * Math.abs(z));
    double y = 1 - t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196
        + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398
        + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
    return z >= 0 ? y : -y;
  }

  private double[][] attention(double[][] qkv) {
    int t = qkv.length;
    int dh = d / heads;
    double[][] y = new double[t][d];
    for (int hd = 0; hd < heads; hd++) {
      for (int i = 0; i < t; i++) {
        double[] s = new double[i + 1];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k <= i; k++) {
          double dot = 0;
          for (int j = 0; j < dh; j++) {
            dot += qkv[i][hd * dh + j] * qkv[k][d + hd * dh + j];
          }
          s[k] = dot / Math.sqrt(dh);
          max = Math.max(max, s[k]);
        }
        double z = 0;
        for (int k = 0; k <= i; k++) {
          s[k] = Math.exp(s[k] - max);
          z += s[k];
        }
        for (int k = 0; k <= i; k++) {
          for (int j = 0; j < dh; j++) {
            y[i][hd * dh + j] += s[k] / z * qkv[k][2 * d + hd * dh + j];
          }
        }
      }
    }
    return y;
  }

  private double[][] linear(double[][] x, String name, int out) {
    float[] weight = w.get(name + ".weight");
    float[] bias = w.get(name + ".bias");
    int in = x[0].length;
    double[][] y = new double[x.length][out];
    for (int i = 0; i < x.length; i++) {
      for (int o = 0; o < out; o++) {
        double s = bias[o];
        for (int k = 0; k < in; k++) {
          s += x[i][k] * weight[k * out + o];
        }
        y[i][o] = s;
      }
    }
    return y;
  }

  private double[][] norm(double[][] x, String name) {
    double[][] y = new double[x.length][d];
    for (int i = 0; i < x.length; i++) {
      double mean = 0;
      for (double v : x[i]) {
        mean += v / d;
      }
      double var = 0;
      for (double v : x[i]) {
        var += (v - mean) * (v - mean) / d;
      }
      for (int j = 0; j < d; j++) {
        y[i][j] = (x[i][j] - mean) / Math.sqrt(var + eps) * w.get(name + ".weight")[j]
            + w.get(name + ".bias")[j];
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
