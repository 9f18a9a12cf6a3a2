package io.tether.deploy.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Checks that this installation (in particular the one application jar) can do what a run needs,
 * in one JVM: the JVM flags, DJL with PyTorch, Spark, Arrow Flight on 127.0.0.1 and Hadoop file
 * systems. A check that throws is reported with its message, and the others still run.
 */
public final class Doctor {
  private Doctor() {}

  /** Runs every check against {@code sparkMaster}; the findings in order. */
  public static List<Finding> run(String sparkMaster) {
    List<Finding> out = new ArrayList<>();
    out.add(guard("jvm", JvmCheck::run));
    out.add(guard("djl", DjlCheck::run));
    out.add(guard("spark", () -> SparkCheck.run(sparkMaster)));
    out.add(guard("flight", FlightCheck::run));
    out.add(guard("hadoop", HadoopCheck::run));
    return out;
  }

  private static Finding guard(String name, Callable<String> check) {
    try {
      return new Finding(name, true, check.call());
    } catch (Exception | LinkageError e) {
      String msg = e.getMessage() == null ? e.getClass().getName()
          : e.getClass().getSimpleName() + ": " + e.getMessage();
      return new Finding(name, false, msg.lines().findFirst().orElse(msg));
    }
  }
}
