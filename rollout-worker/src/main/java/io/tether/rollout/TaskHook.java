package io.tether.rollout;

import java.io.Serializable;
import org.apache.spark.TaskContext;

/** Runs at the start of every rollout task: fault injection in tests, nothing in production. */
@FunctionalInterface
public interface TaskHook extends Serializable {
  TaskHook NONE = ctx -> { };

  void beforeTask(TaskContext context);
}
