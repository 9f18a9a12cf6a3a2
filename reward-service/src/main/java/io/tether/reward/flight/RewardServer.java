package io.tether.reward.flight;

import io.tether.core.arrow.ArrowMemory;
import io.tether.core.arrow.ProcessRole;
import io.tether.core.arrow.Rollout;
import io.tether.core.arrow.ScoredRollout;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The reward service: an Arrow Flight server scoring rollouts (see {@link RewardProducer} for the
 * protocol). Binds to 127.0.0.1 unless told otherwise; port 0 picks a free port. With a token,
 * calls without {@code authorization: Bearer <token>} are refused with UNAUTHENTICATED; with a
 * certificate and key (PEM), it speaks TLS. Messages over {@code maxMessageBytes} are refused.
 */
public final class RewardServer implements AutoCloseable {

  /**
   * @param host address to bind (127.0.0.1 by default)
   * @param port 0 for any free port
   * @param token bearer token, empty for none
   * @param tlsCert PEM certificate chain, or null for plain text
   * @param tlsKey PEM PKCS#8 private key, or null
   * @param maxConcurrent exchanges scored at once
   * @param queueMillis how long a further exchange waits for a slot before RESOURCE_EXHAUSTED
   * @param maxMessageBytes largest accepted message
   */
  public record Options(String host, int port, String token, File tlsCert, File tlsKey,
      int maxConcurrent, long queueMillis, int maxMessageBytes) {
    public static Options local(int port, String token) {
      return new Options("127.0.0.1", port, token, null, null, 2, 30_000, 64 << 20);
    }

    /** The same with another concurrency limit and queue wait. */
    public Options withConcurrency(int concurrent, long waitMillis) {
      return new Options(host, port, token, tlsCert, tlsKey, concurrent, waitMillis,
          maxMessageBytes);
    }
  }

  /** How long close() waits for calls still being scored before it gives up on them. */
  private static final long DRAIN_SECONDS = 60;

  private final ArrowMemory memory;
  private final BufferAllocator allocator;
  private final ExecutorService calls;
  private final FlightServer server;
  private final Location location;

  private RewardServer(ArrowMemory memory, BufferAllocator allocator, ExecutorService calls,
      FlightServer server, Location location) {
    this.memory = memory;
    this.allocator = allocator;
    this.calls = calls;
    this.server = server;
    this.location = location;
  }

  /** Starts a server scoring with {@code scorer}; {@code model} describes it in health checks. */
  public static RewardServer start(Options o, Function<List<Rollout>, List<ScoredRollout>> scorer,
      String model) {
    ArrowMemory memory = ArrowMemory.open(ProcessRole.REWARD_SERVICE);
    BufferAllocator allocator = memory.stage("flight");
    ExecutorService calls = Executors.newCachedThreadPool();
    boolean tls = o.tlsCert() != null;
    Location bind = tls ? Location.forGrpcTls(o.host(), o.port())
        : Location.forGrpcInsecure(o.host(), o.port());
    try {
      FlightServer.Builder b = FlightServer.builder(allocator, bind,
              new RewardProducer(allocator, scorer, model, o.maxConcurrent(), o.queueMillis()))
          .maxInboundMessageSize(o.maxMessageBytes())
          .executor(calls);
      if (!o.token().isEmpty()) {
        b.headerAuthenticator(new BearerTokenAuthenticator(o.token()));
      }
      if (tls) {
        b.useTls(o.tlsCert(), o.tlsKey());
      }
      FlightServer server = b.build().start();
      Location at = tls ? Location.forGrpcTls(o.host(), server.getPort())
          : Location.forGrpcInsecure(o.host(), server.getPort());
      return new RewardServer(memory, allocator, calls, server, at);
    } catch (IOException e) {
      calls.shutdownNow();
      allocator.close();
      memory.close();
      throw new UncheckedIOException("cannot start the reward service on " + bind.getUri()
          + ": " + e.getMessage(), e);
    }
  }

  /** Where clients reach the server. */
  public Location location() {
    return location;
  }

  /** Blocks until the server shuts down. */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /**
   * Stops the server, then waits for the calls still being scored: gRPC counts the server as
   * terminated once its connections are closed (a client that timed out has gone), while the
   * handler may still hold the request's Arrow buffers; closing the allocator before they are
   * released would report them as leaked. Then the service's Arrow memory is closed, which
   * fails if a call leaked a buffer.
   */
  @Override
  public void close() throws InterruptedException {
    server.close();
    calls.shutdown();
    if (!calls.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS)) {
      calls.shutdownNow();
    }
    allocator.close();
    memory.close();
  }
}
