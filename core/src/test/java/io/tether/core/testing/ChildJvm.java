package io.tether.core.testing;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command that starts a JVM like this test's: the same {@code java}, its {@code --add-opens}
 * and {@code -D} flags and its classpath, for tests that kill a process of their own.
 */
public final class ChildJvm {
  private ChildJvm() {}

  /** {@code java -Xmx<maxHeap> <this JVM's flags> -cp <this classpath> mainClass args...} */
  public static List<String> command(String maxHeap, String mainClass, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + maxHeap);
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("-D"))
        .forEach(cmd::add);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
    cmd.addAll(args);
    return cmd;
  }
}
