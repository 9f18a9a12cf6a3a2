package io.tether.reward.flight;

import io.tether.core.arrow.ArrowDataException;
import io.tether.core.arrow.Rollout;
import io.tether.core.arrow.RolloutCodec;
import io.tether.core.arrow.RootRows;
import io.tether.core.arrow.ScoredRollout;
import io.tether.core.arrow.ScoredRolloutCodec;
import io.tether.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.ActionType;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.NoOpFlightProducer;
import org.apache.arrow.flight.Result;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The reward service's Flight producer. {@code DoExchange} with the command {@code score}: the
 * client streams record batches of rollouts (rollouts schema), the server answers each with a
 * batch of the same rows scored (scored-rollouts schema), in order. At most {@code maxConcurrent}
 * exchanges run at once; a further one waits up to {@code queueMillis} and is then refused with
 * RESOURCE_EXHAUSTED (back-pressure: the client backs off and retries). Action {@code health}
 * returns {@link Health} as JSON: {@code {"status":"ok","model":...,"free_slots":N}}.
 */
final class RewardProducer extends NoOpFlightProducer {
  static final String SCORE = "score";
  static final String HEALTH = "health";

  private final BufferAllocator allocator;
  private final Function<List<Rollout>, List<ScoredRollout>> scorer;
  private final String modelDescription;
  private final Semaphore slots;
  private final long queueMillis;

  RewardProducer(BufferAllocator allocator, Function<List<Rollout>, List<ScoredRollout>> scorer,
      String modelDescription, int maxConcurrent, long queueMillis) {
    this.allocator = allocator;
    this.scorer = scorer;
    this.modelDescription = modelDescription;
    this.slots = new Semaphore(maxConcurrent);
    this.queueMillis = queueMillis;
  }

  @Override
  public void doExchange(CallContext context, FlightStream reader, ServerStreamListener writer) {
    String command = new String(reader.getDescriptor().getCommand(), StandardCharsets.UTF_8);
    if (!SCORE.equals(command)) {
      writer.error(CallStatus.INVALID_ARGUMENT.withDescription("unknown command \"" + command
          + "\"; this service answers \"" + SCORE + "\"").toRuntimeException());
      return;
    }
    if (!acquire()) {
      writer.error(CallStatus.RESOURCE_EXHAUSTED.withDescription("reward service busy ("
          + "all scoring slots in use); retry later").toRuntimeException());
      return;
    }
    try {
      exchange(reader, writer);
    } catch (ArrowDataException e) {
      writer.error(CallStatus.INVALID_ARGUMENT.withDescription(e.getMessage()).toRuntimeException());
    } catch (RuntimeException e) {
      writer.error(CallStatus.INTERNAL.withDescription("scoring failed: " + e).toRuntimeException());
    } finally {
      slots.release();
    }
  }

  private boolean acquire() {
    try {
      return slots.tryAcquire(queueMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void exchange(FlightStream reader, ServerStreamListener writer) {
    RootRows.requireSchema(RolloutCodec.INSTANCE, reader.getSchema(), "score request");
    try (VectorSchemaRoot out =
        VectorSchemaRoot.create(ScoredRolloutCodec.SCHEMA, allocator)) {
      writer.start(out);
      int batch = 0;
      long rows = 0;
      while (reader.next()) {
        List<Rollout> in = RootRows.read(RolloutCodec.INSTANCE, reader.getRoot(),
            "score request", batch++, rows);
        rows += in.size();
        RootRows.fill(ScoredRolloutCodec.INSTANCE, out, scorer.apply(in));
        writer.putNext();
      }
      writer.completed();
    }
  }

  @Override
  public void doAction(CallContext context, Action action, StreamListener<Result> listener) {
    if (!HEALTH.equals(action.getType())) {
      listener.onError(CallStatus.INVALID_ARGUMENT.withDescription("unknown action "
          + action.getType()).toRuntimeException());
      return;
    }
    String health = Json.write(new Health("ok", modelDescription, slots.availablePermits()));
    listener.onNext(new Result(health.getBytes(StandardCharsets.UTF_8)));
    listener.onCompleted();
  }

  /**
   * The health action's answer, as JSON.
   *
   * @param status {@code ok}
   * @param model the reward model's description (checkpoint and version)
   * @param freeSlots scoring calls that could start now
   */
  record Health(String status, String model, int freeSlots) {}

  @Override
  public void listActions(CallContext context, StreamListener<ActionType> listener) {
    listener.onNext(new ActionType(HEALTH, "service status and the reward model's version"));
    listener.onCompleted();
  }
}
