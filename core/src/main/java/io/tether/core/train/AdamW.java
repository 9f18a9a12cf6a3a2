package io.tether.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.tether.core.djl.GradMode;
import io.tether.core.djl.NdArrays;
import io.tether.core.model.ParameterSet;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter), applied to the gradients currently on
 * the parameters. Weight decay applies to matrices only, not to biases, gains or 1-d arrays.
 * The moment estimates and step count are part of the learner state and can be saved.
 */
public final class AdamW implements AutoCloseable {

  /**
   * @param beta1 first-moment decay, in [0, 1)
   * @param beta2 second-moment decay, in [0, 1)
   * @param eps denominator floor, > 0
   * @param weightDecay decoupled decay per unit learning rate, >= 0
   */
  public record Hyper(double beta1, double beta2, double eps, double weightDecay) {
    public Hyper {
      if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
        throw new IllegalArgumentException("betas must be in [0, 1), got " + beta1 + ", " + beta2);
      }
      if (!(eps > 0) || !(weightDecay >= 0)) {
        throw new IllegalArgumentException("need eps > 0 and weightDecay >= 0");
      }
    }

    /** beta1 0.9, beta2 0.95, eps 1e-8, no weight decay. */
    public static Hyper defaults() {
      return new Hyper(0.9, 0.95, 1e-8, 0.0);
    }
  }

  private final ParameterSet params;
  private final Hyper hyper;
  private final NDManager manager;
  private final List<NDArray> firstMoments = new ArrayList<>();
  private final List<NDArray> secondMoments = new ArrayList<>();
  private long steps;

  public AdamW(ParameterSet params, Hyper hyper, NDManager parent) {
    this.params = params;
    this.hyper = hyper;
    this.manager = parent.newSubManager();
    for (NDArray p : params.arrays()) {
      firstMoments.add(manager.zeros(p.getShape(), p.getDataType()));
      secondMoments.add(manager.zeros(p.getShape(), p.getDataType()));
    }
  }

  /** Number of updates applied so far. */
  public long steps() {
    return steps;
  }

  /**
   * One update with learning rate {@code lr}; gradients are multiplied by {@code gradScale} first
   * (gradient clipping or accumulation averaging).
   */
  public void step(double lr, double gradScale) {
    steps++;
    double bc1 = 1 - Math.pow(hyper.beta1(), steps);
    double bc2 = 1 - Math.pow(hyper.beta2(), steps);
    List<NDArray> weights = params.arrays();
    try (GradMode g = GradMode.off()) {
      for (int i = 0; i < weights.size(); i++) {
        NDArray w = weights.get(i);
        if (!w.hasGradient()) {
          continue;
        }
        // one scope per parameter: its temporaries (about eight arrays of its size) are freed
        // before the next one's are made, instead of all of them living until the step ends
        try (NDManager tmp = manager.newSubManager()) {
          update(w, firstMoments.get(i), secondMoments.get(i), tmp, lr, gradScale, bc1, bc2);
        }
      }
    }
  }

  private void update(NDArray w, NDArray m, NDArray v, NDManager tmp, double lr, double scale,
      double bc1, double bc2) {
    NDArray grad = w.getGradient();
    grad.attach(tmp);
    NDArray g = scale == 1.0 ? grad : local(tmp, grad.mul(scale));
    m.muli(hyper.beta1()).addi(local(tmp, g.mul(1 - hyper.beta1())));
    v.muli(hyper.beta2()).addi(local(tmp, local(tmp, g.square()).mul(1 - hyper.beta2())));
    NDArray denom = local(tmp, local(tmp, local(tmp, v.div(bc2)).sqrt()).add(hyper.eps()));
    NDArray step = local(tmp, local(tmp, m.mul(lr / bc1)).div(denom));
    if (hyper.weightDecay() > 0 && w.getShape().dimension() >= 2) {
      w.muli(1 - lr * hyper.weightDecay());
    }
    w.subi(step);
  }

  private static NDArray local(NDManager tmp, NDArray a) {
    a.attach(tmp);
    return a;
  }

  /** Writes the step count and both moments (in parameter order). */
  public void save(DataOutputStream out) throws IOException {
    out.writeLong(steps);
    out.writeInt(firstMoments.size());
    for (int i = 0; i < firstMoments.size(); i++) {
      writeArray(out, firstMoments.get(i));
      writeArray(out, secondMoments.get(i));
    }
  }

  /** Restores what {@link #save} wrote for the same parameter layout. */
  public void load(DataInputStream in, String source) throws IOException {
    long savedSteps = in.readLong();
    int n = in.readInt();
    if (n != firstMoments.size()) {
      throw new IOException(source + ": optimizer state for " + n + " parameters, model has "
          + firstMoments.size());
    }
    for (int i = 0; i < n; i++) {
      readArray(in, firstMoments.get(i), source);
      readArray(in, secondMoments.get(i), source);
    }
    steps = savedSteps;
  }

  private static void writeArray(DataOutputStream out, NDArray a) throws IOException {
    byte[] b = a.toByteArray();
    out.writeInt(b.length);
    out.write(b);
  }

  private static void readArray(DataInputStream in, NDArray target, String source)
      throws IOException {
    byte[] b = new byte[in.readInt()];
    if (b.length != target.size() * target.getDataType().getNumOfBytes()) {
      throw new IOException(source + ": optimizer moment of " + b.length + " bytes, expected "
          + target.size() * target.getDataType().getNumOfBytes());
    }
    in.readFully(b);
    try (NDArray value = NdArrays.fromBytes(
        target.getManager(), b, target.getShape(), target.getDataType())) {
      NdArrays.assign(target, value);
    }
  }

  /** The parameter names, in the order the moments are kept. */
  public List<String> parameterNames() {
    return List.copyOf(params.asMap().keySet());
  }

  @Override
  public void close() {
    manager.close();
  }

}
