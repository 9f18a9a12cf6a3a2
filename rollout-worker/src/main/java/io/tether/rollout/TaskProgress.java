package io.tether.rollout;

import io.tether.core.progress.Progress;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * A progress bar over the tasks of one Spark stage run from the driver: each successful task end
 * the listener bus reports advances it. Registered on creation, removed on close, where the bar is
 * completed (the bus may deliver the last events after the job has returned).
 */
final class TaskProgress extends SparkListener implements AutoCloseable {
  private final SparkContext sc;
  private final Progress bar;
  private final int tasks;
  private int done;
  private boolean closed;

  TaskProgress(SparkContext sc, String label, int tasks) {
    this.sc = sc;
    this.tasks = tasks;
    this.bar = Progress.stderr(label, "tasks", tasks);
    sc.addSparkListener(this);
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
    if (!closed && end.taskInfo().successful() && done < tasks) {
      done++;
      bar.advance(1);
    }
  }

  @Override
  public synchronized void close() {
    sc.removeSparkListener(this);
    if (!closed && done < tasks) {
      bar.advance(tasks - done);
    }
    closed = true;
    bar.close();
  }
}
