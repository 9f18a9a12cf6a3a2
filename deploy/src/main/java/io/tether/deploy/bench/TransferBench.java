package io.tether.deploy.bench;

import io.tether.core.arrow.ArrowIpc;
import io.tether.core.arrow.ArrowMemory;
import io.tether.core.arrow.ProcessRole;
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
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Arrow IPC for one iteration's scored rollouts (default task: 64 rollouts, 24 prompt and 24
 * response tokens): bytes per rollout and encode + decode time, against Java serialization of the
 * same rows, the two round trips timed in turn; and, given an iteration time, the share of it
 * spent in Arrow encoding and decoding.
 */
final class TransferBench {
  static final int ROLLOUTS = 64;
  static final int PROMPT_TOKENS = 24;
  static final int RESPONSE_TOKENS = 24;

  /** The same fields as a scored rollout, for Java serialization. */
  record JavaRow(long promptId, int[] promptTokens, int sampleIndex, long policyVersion,
      int[] responseTokens, float[] logprobs, float[] refLogprobs, boolean finished, float score,
      Float goldScore) implements Serializable {}

  private Sample arrowSeconds;

  List<BenchRow> run(BenchPlan plan) {
    List<ScoredRollout> rows = rows(ROLLOUTS);
    ArrayList<JavaRow> java = new ArrayList<>(rows.stream().map(TransferBench::javaRow).toList());
    int reps = plan.quick() ? 10 : 50;
    Paired bytes;
    Paired seconds;
    try (ArrowMemory memory = ArrowMemory.open(ProcessRole.DRIVER);
        BufferAllocator allocator = memory.stage("bench-transfer")) {
      bytes = new Paired(Sample.exact(arrow(rows, allocator).length / (double) ROLLOUTS),
          Sample.exact(serialize(java).length / (double) ROLLOUTS));
      seconds = new Interleaved(reps / 5, reps).pair(
          () -> Interleaved.seconds(() -> arrowRoundTrip(rows, allocator)),
          () -> Interleaved.seconds(() -> javaRoundTrip(java)));
    }
    arrowSeconds = seconds.value();
    String name = ROLLOUTS + " rollouts " + PROMPT_TOKENS + "+" + RESPONSE_TOKENS + " tokens";
    return List.of(
        BenchRow.of(Section.TRANSFER, name, "bytes_per_rollout", "B", "java_serialization",
            bytes, RatioBound.POSITIVE),
        BenchRow.of(Section.TRANSFER, name, "encode_decode_ms", "ms", "java_serialization",
            new Paired(seconds.value().map(s -> s * 1e3), seconds.baseline().map(s -> s * 1e3)),
            RatioBound.POSITIVE));
  }

  /** Encode + decode time as a share of {@code iteration} seconds (after {@link #run}). */
  BenchRow share(Sample iteration, String iterationName) {
    return BenchRow.of(Section.TRANSFER, ROLLOUTS + " rollouts", "encode_decode_s", "s",
        iterationName, new Paired(arrowSeconds, iteration), RatioBound.AT_MOST_ONE);
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

  private static byte[] arrow(List<ScoredRollout> rows, BufferAllocator allocator) {
    return ArrowIpc.toBytes(ScoredRolloutCodec.INSTANCE, rows, allocator, 1024);
  }

  private static void arrowRoundTrip(List<ScoredRollout> rows, BufferAllocator allocator) {
    byte[] b = arrow(rows, allocator);
    check(rows.size(), ArrowIpc.fromBytes(ScoredRolloutCodec.INSTANCE, b, allocator, "bench")
        .size());
  }

  private static void javaRoundTrip(ArrayList<JavaRow> rows) {
    check(rows.size(), deserialize(serialize(rows)).size());
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
}
