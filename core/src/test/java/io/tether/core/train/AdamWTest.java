package io.tether.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.tether.core.djl.DjlRuntime;
import io.tether.core.djl.Scalars;
import io.tether.core.model.Gradients;
import io.tether.core.model.ParameterSet;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class AdamWTest {

  /** loss = sum(w * c) for a fixed c: the gradient is c at every step. */
  private static void backward(NDManager root, ParameterSet p, double[] c) {
    Gradients.zero(p);
    try (NDManager m = root.newSubManager();
        GradientCollector gc = DjlRuntime.engine().newGradientCollector()) {
      NDArray coef = Scalars.owned(m.create(c, p.get("w").getShape()));
      gc.backward(p.get("w").mul(coef).sum());
    }
  }

  private static double[] reference(double[] w0, double[] g, int steps, double lr, double wd) {
    double b1 = 0.9;
    double b2 = 0.95;
    double[] w = w0.clone();
    double[] m = new double[w.length];
    double[] v = new double[w.length];
    for (int t = 1; t <= steps; t++) {
      for (int i = 0; i < w.length; i++) {
        m[i] = b1 * m[i] + (1 - b1) * g[i];
        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
        double mh = m[i] / (1 - Math.pow(b1, t));
        double vh = v[i] / (1 - Math.pow(b2, t));
        w[i] = w[i] * (1 - lr * wd) - lr * mh / (Math.sqrt(vh) + 1e-8);
      }
    }
    return w;
  }

  @Test
  void matchesTheAdamWUpdateWrittenOutByHand() {
    double[] w0 = {0.5, -1.0, 2.0, 0.0};
    double[] g = {0.1, -3.0, 0.5, 1e-3};
    try (NDManager root = DjlRuntime.engine().newBaseManager()) {
      ParameterSet p = new ParameterSet();
      p.put("w", Scalars.owned(root.create(w0, new Shape(2, 2))));
      p.setRequiresGradient(true);
      try (AdamW opt = new AdamW(p, new AdamW.Hyper(0.9, 0.95, 1e-8, 0.1), root)) {
        for (int s = 0; s < 5; s++) {
          backward(root, p, g);
          opt.step(0.01, 1.0);
        }
        assertArrayEquals(reference(w0, g, 5, 0.01, 0.1), p.get("w").toDoubleArray(), 1e-12);
        assertEquals(5, opt.steps());
      }
    }
  }

  @Test
  void savedStateResumesExactly() throws IOException {
    double[] w0 = {0.5, -1.0, 2.0};
    double[] g = {0.3, -0.2, 0.05};
    try (NDManager root = DjlRuntime.engine().newBaseManager()) {
      ParameterSet a = new ParameterSet();
      a.put("w", Scalars.owned(root.create(w0)));
      a.setRequiresGradient(true);
      ByteArrayOutputStream saved = new ByteArrayOutputStream();
      double[] afterThree;
      try (AdamW opt = new AdamW(a, AdamW.Hyper.defaults(), root)) {
        for (int s = 0; s < 3; s++) {
          backward(root, a, g);
          opt.step(0.05, 1.0);
        }
        afterThree = a.get("w").toDoubleArray();
        opt.save(new DataOutputStream(saved));
        backward(root, a, g);
        opt.step(0.05, 1.0);
      }
      ParameterSet b = new ParameterSet();
      b.put("w", Scalars.owned(root.create(afterThree)));
      b.setRequiresGradient(true);
      try (AdamW opt = new AdamW(b, AdamW.Hyper.defaults(), root)) {
        opt.load(new DataInputStream(new ByteArrayInputStream(saved.toByteArray())), "state");
        assertEquals(3, opt.steps());
        backward(root, b, g);
        opt.step(0.05, 1.0);
      }
      assertArrayEquals(a.get("w").toDoubleArray(), b.get("w").toDoubleArray(), 0.0);
      assertEquals(DataType.FLOAT64, b.get("w").getDataType());
    }
  }
}
