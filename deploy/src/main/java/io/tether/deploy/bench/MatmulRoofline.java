package io.tether.deploy.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.tether.core.djl.DjlRuntime;
import io.tether.core.djl.GradMode;
import io.tether.core.time.Ticker;
import java.util.Arrays;

/**
 * Measures DJL float32 matmul throughput: the machine's own limit that generation and learner
 * throughput are compared with. Reports the median and best of several timed repetitions after a
 * warm-up, in GFLOP/s (2 * m * k * n floating-point operations per product).
 */
public final class MatmulRoofline {

  /** One measurement at (m x k) times (k x n). */
  public record Result(int m, int k, int n, int repeats, double medianGflops, double bestGflops) {}

  private final Ticker ticker;

  /** {@code ticker} times each product. */
  public MatmulRoofline(Ticker ticker) {
    this.ticker = ticker;
  }

  /** With the system clock. */
  public static MatmulRoofline systemClock() {
    return new MatmulRoofline(Ticker.SYSTEM);
  }

  /** Times {@code repeats} products after {@code warmup} untimed ones. */
  public Result measure(int m, int k, int n, int warmup, int repeats) {
    double flops = 2.0 * m * k * n;
    double[] gflops = new double[repeats];
    try (GradMode g = GradMode.off();
        NDManager nd = DjlRuntime.engine().newBaseManager()) {
      NDArray a = nd.randomUniform(-1, 1, new Shape(m, k), DataType.FLOAT32);
      NDArray b = nd.randomUniform(-1, 1, new Shape(k, n), DataType.FLOAT32);
      for (int i = 0; i < warmup; i++) {
        a.matMul(b).close();
      }
      for (int i = 0; i < repeats; i++) {
        long start = ticker.nanos();
        try (NDArray c = a.matMul(b)) {
          c.getFloat(0, 0); // wait for the product
        }
        gflops[i] = flops / Math.max(1, ticker.nanos() - start);
      }
    }
    double[] sorted = gflops.clone();
    Arrays.sort(sorted);
    return new Result(m, k, n, repeats, sorted[repeats / 2], sorted[repeats - 1]);
  }
}
