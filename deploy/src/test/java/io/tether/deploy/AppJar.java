package io.tether.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The application jar the build made ({@code tether.app.jar}, set by failsafe), run as a child
 * process the way an operator runs it; its output goes to a log file and, line by line, to a
 * watcher.
 */
final class AppJar {
  private AppJar() {}

  static Path path() {
    String p = System.getProperty("tether.app.jar", "target/tether-app.jar");
    Path jar = Path.of(p).toAbsolutePath();
    assertTrue(Files.isRegularFile(jar), jar + " is missing: run `mvn package` first");
    return jar;
  }

  /** {@code java <build flags> <extra> -cp app.jar main args...} */
  static List<String> java(List<String> extraJvm, String main, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(extraJvm);
    cmd.addAll(JvmOptions.flags());
    cmd.add("-cp");
    cmd.add(path().toString());
    cmd.add(main);
    cmd.addAll(args);
    return cmd;
  }

  /** Runs {@code cmd}, copying its output to {@code log} and to {@code watcher}; exit code. */
  static int run(List<String> cmd, Path log, Consumer<String> watcher)
      throws IOException, InterruptedException {
    return run(cmd, log, java.util.Map.of(), watcher);
  }

  /** As {@link #run(List, Path, Consumer)} with {@code env} added to the environment. */
  static int run(List<String> cmd, Path log, java.util.Map<String, String> env,
      Consumer<String> watcher) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().put("OPT_OUT_TRACKING", "true");
    pb.environment().remove("SPARK_HOME");
    Process p = pb.start();
    try (BufferedReader in = new BufferedReader(
            new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        out.println(line);
        out.flush();
        watcher.accept(line);
      }
    } finally {
      p.destroyForcibly();
    }
    return p.waitFor();
  }
}
