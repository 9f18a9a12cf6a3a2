package io.tether.reward.flight;

import io.tether.core.arrow.ArrowMemory;
import io.tether.core.arrow.Rollout;
import io.tether.core.arrow.RolloutCodec;
import io.tether.core.arrow.RootRows;
import io.tether.core.arrow.ScoredRollout;
import io.tether.core.arrow.ScoredRolloutCodec;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.CallOptions;
import org.apache.arrow.flight.FlightCallHeaders;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.HeaderCallOption;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Result;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Client of the reward service: sends rollouts in batches of {@code batchSize} over one
 * DoExchange and returns them scored, in order. A failed call is retried up to {@code retries}
 * times with exponential back-off (100 ms, 200 ms, ...) when the failure can pass (unavailable,
 * busy, timed out); authentication and schema errors are not retried. When it stays down the
 * error names the address and the last cause: never a silent zero reward. An interrupt of the
 * calling thread (a cancelled Spark stage) stops the call at once, during a call or a back-off:
 * the thread's interrupt flag stays set and the error says the call was interrupted.
 */
public final class RewardClient implements AutoCloseable {
  private final BufferAllocator allocator;
  private final FlightClient client;
  private final Location location;
  private final String token;
  private final int retries;
  private final long timeoutMillis;
  private final int batchSize;

  /**
   * @param memory the caller's Arrow memory; the client works in a stage of it, {@code
   *     reward-client}, closed (and leak-checked) with the client
   */
  public RewardClient(ArrowMemory memory, Location location, String token, File trustedCert,
      int retries, double timeoutSeconds, int batchSize) {
    this.allocator = memory.stage("reward-client");
    this.location = location;
    this.token = token;
    this.retries = retries;
    this.timeoutMillis = (long) (timeoutSeconds * 1000);
    this.batchSize = batchSize;
    try {
      this.client = build(location, trustedCert);
    } catch (RuntimeException e) {
      allocator.close();
      throw e;
    }
  }

  private FlightClient build(Location location, File trustedCert) {
    FlightClient.Builder b = FlightClient.builder(allocator, location);
    if (trustedCert != null) {
      try (InputStream in = new FileInputStream(trustedCert)) {
        // read now: the builder reads the stream only when it builds the client
        b.trustedCertificates(new java.io.ByteArrayInputStream(in.readAllBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException(trustedCert + ": " + e.getMessage(), e);
      }
    }
    return b.build();
  }

  /** Scores {@code rollouts}; retries as described above. */
  public List<ScoredRollout> score(List<Rollout> rollouts) {
    FlightRuntimeException last = null;
    int attempts = 0;
    for (int attempt = 0; attempt <= retries; attempt++) {
      stopIfInterrupted(attempts, last);
      attempts++;
      try {
        return exchange(rollouts, attempts);
      } catch (FlightRuntimeException e) {
        last = e;
        stopIfInterrupted(attempts, last);
        if (!retryable(e.status().code()) || attempt == retries) {
          break;
        }
        backOff(100L << attempt, attempts, last);
      }
    }
    String hint = last.status().code() == FlightStatusCode.CANCELLED
        ? " (the server reset the call: a batch over its message size limit? lower"
            + " reward.batch_size)" : "";
    throw new RewardServiceException("reward service at " + location.getUri() + " failed after "
        + attempts + " attempt(s): " + last.status().code() + ": " + last.getMessage() + hint,
        last);
  }

  /** Throws, keeping the interrupt flag set, when the calling thread has been interrupted. */
  private void stopIfInterrupted(int attempts, FlightRuntimeException last) {
    if (Thread.currentThread().isInterrupted()) {
      throw interrupted(attempts, last);
    }
  }

  private void backOff(long millis, int attempts, FlightRuntimeException last) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted(attempts, last);
    }
  }

  private static boolean causedByInterrupt(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException) {
        return true;
      }
    }
    return false;
  }

  private RewardServiceException interrupted(int attempts, FlightRuntimeException last) {
    return new RewardServiceException("reward service at " + location.getUri()
        + ": interrupted after " + attempts + " attempt(s); not retried"
        + (last == null ? "" : " (last failure " + last.status().code() + ")"), last);
  }

  private List<ScoredRollout> exchange(List<Rollout> rollouts, int attempt) {
    List<ScoredRollout> out = new ArrayList<>(rollouts.size());
    FlightDescriptor command =
        FlightDescriptor.command(RewardProducer.SCORE.getBytes(StandardCharsets.UTF_8));
    try (VectorSchemaRoot root = VectorSchemaRoot.create(RolloutCodec.SCHEMA, allocator);
        FlightClient.ExchangeReaderWriter rw = client.doExchange(command, options())) {
      rw.getWriter().start(root);
      int batch = 0;
      for (int from = 0; from < rollouts.size(); from += batchSize) {
        RootRows.fill(RolloutCodec.INSTANCE, root,
            rollouts.subList(from, Math.min(rollouts.size(), from + batchSize)));
        rw.getWriter().putNext();
        if (!rw.getReader().next()) {
          throw new IllegalStateException("the reward service closed the exchange early");
        }
        out.addAll(RootRows.read(ScoredRolloutCodec.INSTANCE, rw.getReader().getRoot(),
            "reward service at " + location.getUri(), batch++, out.size()));
      }
      rw.getWriter().completed();
      while (rw.getReader().next()) {
        // drain: the server completes after the last batch
      }
    } catch (FlightRuntimeException e) {
      throw e;
    } catch (Exception e) {
      if (causedByInterrupt(e)) {
        Thread.currentThread().interrupt();
        throw interrupted(attempt, null);
      }
      throw new RewardServiceException("reward service at " + location.getUri() + ": " + e, e);
    }
    return out;
  }

  /** The service's health report (JSON). */
  public String health() {
    var results = client.doAction(new Action(RewardProducer.HEALTH), options());
    StringBuilder s = new StringBuilder();
    while (results.hasNext()) {
      Result r = results.next();
      s.append(new String(r.getBody(), StandardCharsets.UTF_8));
    }
    return s.toString();
  }

  private CallOption[] options() {
    List<CallOption> o = new ArrayList<>();
    o.add(CallOptions.timeout(timeoutMillis, TimeUnit.MILLISECONDS));
    if (!token.isEmpty()) {
      FlightCallHeaders h = new FlightCallHeaders();
      h.insert(BearerTokenAuthenticator.HEADER, "Bearer " + token);
      o.add(new HeaderCallOption(h));
    }
    return o.toArray(new CallOption[0]);
  }

  private static boolean retryable(FlightStatusCode code) {
    return code == FlightStatusCode.UNAVAILABLE || code == FlightStatusCode.RESOURCE_EXHAUSTED
        || code == FlightStatusCode.TIMED_OUT;
  }

  @Override
  public void close() throws InterruptedException {
    client.close();
    allocator.close();
  }
}
