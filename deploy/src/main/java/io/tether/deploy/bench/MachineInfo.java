package io.tether.deploy.bench;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.tether.core.djl.DjlRuntime;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the figures were measured on, so that two runs can be compared: CPU, cores, memory, JVM,
 * DJL engine and PyTorch thread counts.
 */
public record MachineInfo(String cpuModel, int cores, double memoryGib, String jvm,
    String djlEngine, int torchThreads, int torchInteropThreads) {

  /** Describes this machine and the running JVM. */
  public static MachineInfo current() {
    Engine engine = DjlRuntime.engine();
    return new MachineInfo(readCpuModel(), Runtime.getRuntime().availableProcessors(),
        readMemoryGib(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        "DJL " + Engine.getDjlVersion() + " " + engine.getEngineName() + " "
            + engine.getVersion(),
        JniUtils.getNumThreads(), JniUtils.getNumInteropThreads());
  }

  /** Key/value pairs in a fixed order. */
  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("cpu_model", cpuModel);
    m.put("cores", Integer.toString(cores));
    m.put("memory_gib", String.format(java.util.Locale.ROOT, "%.1f", memoryGib));
    m.put("jvm", jvm);
    m.put("djl_engine", djlEngine);
    m.put("torch_threads", Integer.toString(torchThreads));
    m.put("torch_interop_threads", Integer.toString(torchInteropThreads));
    return m;
  }

  private static String readCpuModel() {
    for (String line : lines(Path.of("/proc/cpuinfo"))) {
      if (line.startsWith("model name")) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return System.getProperty("os.arch");
  }

  private static double readMemoryGib() {
    for (String line : lines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemTotal:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0;
      }
    }
    var os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean b
        ? b.getTotalMemorySize() / (1024.0 * 1024 * 1024) : Double.NaN;
  }

  private static List<String> lines(Path p) {
    try {
      return Files.readAllLines(p);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
