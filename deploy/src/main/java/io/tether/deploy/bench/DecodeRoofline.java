package io.tether.deploy.bench;

import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelSpec;
import java.util.List;

/**
 * The matmul roofline at the shapes one KV-cached decode step multiplies: the rate a step made of
 * nothing but its parameter products would reach on this machine.
 *
 * <p>A step at batch {@code b} multiplies (b x d) by every layer's d x 3d (QKV), d x d (output),
 * d x 4d (MLP up) and 4d x d (MLP down) weights, then by the d x V LM head. Each distinct shape is
 * timed alone (median of the repeats); the result is the step's parameter FLOPs over the summed
 * times. At small b these skinny products run well below the square-matmul figure, so this is the
 * ceiling generation's model-FLOPs utilisation can be judged against at that batch size.
 */
final class DecodeRoofline {

  /** One product of the step: (m x k) times (k x n), {@code count} times per step. */
  public record Product(int m, int k, int n, int count) {
    double flops() {
      return 2.0 * m * k * n * count;
    }
  }

  private DecodeRoofline() {}

  /**
   * The parameter products of one decode step of {@code spec} at batch {@code batch} (or of a
   * pass over {@code batch} tokens). A Llama-family layer multiplies by q (d x H*Dh), k and v
   * (d x KV*Dh each), o (H*Dh x d), gate and up (d x I each) and down (I x d).
   */
  public static List<Product> products(ModelSpec spec, int batch) {
    int d = spec.dModel();
    int layers = spec.nLayer();
    int head = spec.head() == HeadKind.LM ? spec.vocabSize() : 1;
    if (spec.isLlama()) {
      int q = spec.nHead() * spec.headDim();
      int kv = spec.llama().nKvHead() * spec.headDim();
      int inner = spec.llama().intermediate();
      return List.of(
          new Product(batch, d, q, layers),
          new Product(batch, d, kv, 2 * layers),
          new Product(batch, q, d, layers),
          new Product(batch, d, inner, 2 * layers),
          new Product(batch, inner, d, layers),
          new Product(batch, d, head, 1));
    }
    return List.of(
        new Product(batch, d, 3 * d, layers),
        new Product(batch, d, d, layers),
        new Product(batch, d, 4 * d, layers),
        new Product(batch, 4 * d, d, layers),
        new Product(batch, d, head, 1));
  }

  /** Total FLOPs of the products over their summed median times, in GFLOP/s. */
  public static double gflops(List<Product> products, MatmulRoofline roofline, int repeats) {
    double flops = 0;
    double nanos = 0;
    for (Product p : products) {
      double rate = roofline.measure(p.m(), p.k(), p.n(), 3, repeats).medianGflops();
      flops += p.flops();
      nanos += p.flops() / rate;
    }
    return flops / nanos;
  }

  /** {@link #gflops} for one decode step of {@code spec} at {@code batch}. */
  public static double gflops(ModelSpec spec, int batch, MatmulRoofline roofline, int repeats) {
    return gflops(products(spec, batch), roofline, repeats);
  }
}
