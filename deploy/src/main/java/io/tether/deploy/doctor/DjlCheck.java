package io.tether.deploy.doctor;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Random;

/** DJL loads PyTorch from the jar's natives and multiplies a matrix as Java does. */
final class DjlCheck {
  private static final int N = 48;

  private DjlCheck() {}

  static String run() {
    Engine e = Engine.getEngine("PyTorch");
    float[] a = new float[N * N];
    float[] b = new float[N * N];
    Random r = new Random(7);
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) r.nextGaussian();
      b[i] = (float) r.nextGaussian();
    }
    float[] got;
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      NDArray x = m.create(a, new ai.djl.ndarray.types.Shape(N, N));
      NDArray y = m.create(b, new ai.djl.ndarray.types.Shape(N, N));
      got = x.matMul(y).toFloatArray();
    }
    double worst = 0;
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < N; j++) {
        double s = 0;
        for (int k = 0; k < N; k++) {
          s += (double) a[i * N + k] * b[k * N + j];
        }
        worst = Math.max(worst, Math.abs(s - got[i * N + j]));
      }
    }
    if (worst > 1e-3) {
      throw new IllegalStateException("PyTorch matmul differs from Java's by " + worst);
    }
    return String.format("DJL %s, %s %s, GPUs %d, %dx%d matmul matches Java (max error %.1e)",
        Engine.getDjlVersion(), e.getEngineName(), e.getVersion(), e.getGpuCount(), N, N, worst);
  }
}
