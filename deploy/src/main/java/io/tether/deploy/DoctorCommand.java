package io.tether.deploy;

import io.tether.deploy.doctor.Doctor;
import io.tether.deploy.doctor.Finding;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tether doctor}: checks the installation, one line per part, exit 1 if any fails. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = "Check this installation in one JVM: JVM flags, DJL/PyTorch (and GPUs), Spark,"
        + " Arrow Flight on 127.0.0.1, Hadoop file systems. Exit code 1 if any check fails.")
final class DoctorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--spark-master", description = "Spark master the Spark check runs a job on.")
  String sparkMaster = "local[1]";

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Finding> findings = Doctor.run(sparkMaster);
    findings.forEach(f -> out.println(f.line()));
    long failed = findings.stream().filter(f -> !f.ok()).count();
    out.println(failed == 0 ? "tether doctor: all " + findings.size() + " checks passed"
        : "tether doctor: " + failed + " of " + findings.size() + " checks failed");
    out.flush();
    return failed == 0 ? 0 : 1;
  }
}
