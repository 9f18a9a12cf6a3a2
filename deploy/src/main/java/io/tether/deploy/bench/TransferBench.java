package io.tether.deploy.bench;

import io.tether.core.arrow.ArrowIpc;
import io.tether.core.arrow.Rollout;
import io.tether.core.arrow.ScoredRollout;
import io.tether.core.arrow.ScoredRolloutCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Arrow IPC for one iteration's scored rollouts (default task: 64 rollouts, 24 prompt and 24
 * response tokens): bytes per rollout and encode + decode time, against Java serialization of the
 * same rows; and, given an iteration time, the share of it spent in Arrow encoding and decoding.
 */
final class TransferBench {
  static final int ROLLOUTS = 64;
  static final int PROMPT_TOKENS = 24;
  static final int RESPONSE_TOKENS = 24;

  /** What one codec cost: bytes for all rows and median encode + decode seconds. */
  record Cost(long bytes, double seconds) {}

  /** The same fields as a scored rollout, for Java serialization. */
  record JavaRow(long promptId, int[] promptTokens, int sampleIndex, long policyVersion,
      int[] responseTokens, float[] logprobs, float[] refLogprobs, boolean finished, float score,
      Float goldScore) implements Serializable {}

  private Cost arrow;

  List<BenchRow> run(BenchPlan plan) {
    List<ScoredRollout> rows = rows(ROLLOUTS);
    int reps = plan.quick() ? 10 : 50;
    arrow = arrowCost(rows, reps);
    Cost java = javaCost(rows, reps);
    String name = ROLLOUTS + " rollouts " + PROMPT_TOKENS + "+" + RESPONSE_TOKENS + " tokens";
    return List.of(
        BenchRow.vs(Section.TRANSFER, name, "bytes_per_rollout", (double) arrow.bytes() / ROLLOUTS,
            "B", "java_serialization", (double) java.bytes() / ROLLOUTS),
        BenchRow.vs(Section.TRANSFER, name, "encode_decode_ms", arrow.seconds() * 1e3, "ms",
            "java_serialization", java.seconds() * 1e3));
  }

  /** Encode + decode time as a share of {@code iterationSeconds} (after {@link #run}). */
  BenchRow share(double iterationSeconds, String iterationName) {
    return BenchRow.vs(Section.TRANSFER, ROLLOUTS + " rollouts", "encode_decode_s",
        arrow.seconds(), "s", iterationName, iterationSeconds);
  }

  static List<ScoredRollout> rows(int n) {
    SplittableRandom r = new SplittableRandom(5);
    List<ScoredRollout> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int[] prompt = r.ints(PROMPT_TOKENS, 0, 256).toArray();
      int[] resp = r.ints(RESPONSE_TOKENS, 0, 256).toArray();
      float[] lp = new float[RESPONSE_TOKENS];
      float[] ref = new float[RESPONSE_TOKENS];
      for (int t = 0; t < RESPONSE_TOKENS; t++) {
        lp[t] = (float) -r.nextDouble(6);
        ref[t] = (float) -r.nextDouble(6);
      }
      Rollout ro = new Rollout(i, prompt, 0, 3, resp, lp, ref, r.nextBoolean());
      out.add(new ScoredRollout(ro, (float) r.nextDouble(), (float) r.nextDouble()));
    }
    return out;
  }

  private static Cost arrowCost(List<ScoredRollout> rows, int reps) {
    double[] t = new double[reps];
    long bytes = 0;
    try (BufferAllocator allocator = new RootAllocator()) {
      for (int i = -reps / 5; i < reps; i++) {
        long t0 = System.nanoTime();
        byte[] b = ArrowIpc.toBytes(ScoredRolloutCodec.INSTANCE, rows, allocator, 1024);
        List<ScoredRollout> back =
            ArrowIpc.fromBytes(ScoredRolloutCodec.INSTANCE, b, allocator, "bench");
        check(rows.size(), back.size());
        if (i >= 0) {
          t[i] = (System.nanoTime() - t0) / 1e9;
        }
        bytes = b.length;
      }
    }
    return new Cost(bytes, median(t));
  }

  private static Cost javaCost(List<ScoredRollout> rows, int reps) {
    List<JavaRow> java = rows.stream().map(TransferBench::javaRow).toList();
    double[] t = new double[reps];
    long bytes = 0;
    for (int i = -reps / 5; i < reps; i++) {
      long t0 = System.nanoTime();
      byte[] b = serialize(new ArrayList<>(java));
      check(rows.size(), deserialize(b).size());
      if (i >= 0) {
        t[i] = (System.nanoTime() - t0) / 1e9;
      }
      bytes = b.length;
    }
    return new Cost(bytes, median(t));
  }

  private static JavaRow javaRow(ScoredRollout s) {
    Rollout r = s.rollout();
    return new JavaRow(r.promptId(), r.promptTokens(), r.sampleIndex(), r.policyVersion(),
        r.responseTokens(), r.logprobs(), r.refLogprobs(), r.finished(), s.score(),
        s.goldScore());
  }

  private static byte[] serialize(ArrayList<JavaRow> rows) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static List<?> deserialize(byte[] b) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b))) {
      return (List<?>) in.readObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void check(int expected, int got) {
    if (expected != got) {
      throw new IllegalStateException("round trip gave " + got + " rows, expected " + expected);
    }
  }

  private static double median(double[] t) {
    double[] s = t.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
