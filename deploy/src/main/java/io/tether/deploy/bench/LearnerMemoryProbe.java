package io.tether.deploy.bench;

import ai.djl.ndarray.NDManager;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelSpec;
import io.tether.deploy.JvmOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The resident memory of a learner holding policy, reference, critic and reward model of one
 * {@link HfShapesBench} shape through one PPO update, measured in a JVM of its own: memory freed
 * by earlier work stays resident in a long-lived process and would be reused unseen. Prints the
 * resident bytes once PyTorch is loaded and the peak after the update.
 */
public final class LearnerMemoryProbe {
  static final String PREFIX = "learner-memory ";

  /** Resident bytes with the engine loaded, and the peak with the four models updated. */
  record Result(long baseBytes, long peakBytes) {}

  private LearnerMemoryProbe() {}

  /** {@code args}: the shape's index in {@link HfShapesBench#shapes} and {@code quick}. */
  public static void main(String[] args) {
    HfShapesBench.Shape s = HfShapesBench.shapes(Boolean.parseBoolean(args[1]))
        .get(Integer.parseInt(args[0]));
    try (NDManager m = NDManager.newBaseManager()) {
      m.zeros(new ai.djl.ndarray.types.Shape(4)).sum().getFloat();
    }
    long base = ProcessMemory.residentBytes().orElse(-1);
    ModelSpec spec = s.spec();
    try (GptModel reference = GptModel.create(spec, 5);
        GptModel reward = GptModel.create(spec.withHead(HeadKind.VALUE), 6);
        var t = new PpoUpdateThroughput(s.name(), spec, 2, 32, 32, 1)) {
      t.seconds();
      System.out.println(PREFIX + base + " " + ProcessMemory.peakBytes().orElse(-1));
    }
  }

  /** Runs the probe for shape {@code index} in a child JVM with this one's classpath. */
  static Result run(int index, boolean quick) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // a bounded heap (the initialisers' garbage would otherwise grow it to a quarter of RAM);
    // room for direct memory, where DJL keeps the arrays it creates from Java values
    cmd.add("-Xmx2g");
    cmd.add("-XX:MaxDirectMemorySize=16g");
    cmd.addAll(JvmOptions.flags());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
        LearnerMemoryProbe.class.getName(), Integer.toString(index), Boolean.toString(quick)));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    Result found = null;
    StringBuilder out = new StringBuilder();
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith(PREFIX)) {
          String[] f = line.substring(PREFIX.length()).split(" ");
          found = new Result(Long.parseLong(f[0]), Long.parseLong(f[1]));
        } else if (out.length() < 4000) {
          out.append(line).append('\n');
        }
      }
    }
    int rc = p.waitFor();
    if (rc != 0 || found == null) {
      throw new IOException("the learner memory probe failed (exit " + rc + "):\n" + out);
    }
    return found;
  }
}
