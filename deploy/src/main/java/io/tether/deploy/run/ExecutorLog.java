package io.tether.deploy.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tether.rollout.RolloutResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code executors.jsonl}: per iteration, the driver's process id and the executors and executor
 * JVMs that produced the rollouts, with model loads and retried tasks, so an operator can see
 * where the work ran (and a test can check it left the driver).
 */
final class ExecutorLog {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ExecutorLog() {}

  static void append(Path file, long iteration, RolloutResult<?> r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("iteration", iteration);
    n.put("driver_pid", ProcessHandle.current().pid());
    r.executors().forEach(n.putArray("executors")::add);
    r.pids().forEach(n.putArray("pids")::add);
    n.put("model_loads", r.modelLoads());
    n.put("model_load_seconds", r.modelLoadSeconds());
    n.put("task_retries", r.failedAttempts());
    n.put("seconds", r.seconds());
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, n + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot append: " + e.getMessage(), e);
    }
  }
}
