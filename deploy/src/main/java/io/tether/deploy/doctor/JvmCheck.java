package io.tether.deploy.doctor;

import io.tether.deploy.JvmOptions;
import java.util.ArrayList;
import java.util.List;

/** The JVM runs Java 17+ with every {@code --add-opens} of the build and DJL offline. */
final class JvmCheck {
  private JvmCheck() {}

  static String run() {
    List<String> missing = new ArrayList<>();
    for (String flag : JvmOptions.flags()) {
      if (flag.startsWith("--add-opens=")) {
        String[] target = flag.substring("--add-opens=".length(), flag.indexOf("=ALL-UNNAMED"))
            .split("/");
        Module m = ModuleLayer.boot().findModule(target[0]).orElse(null);
        if (m != null && !m.isOpen(target[1], JvmCheck.class.getModule())) {
          missing.add(flag);
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("the JVM lacks " + missing.size() + " flags, first "
          + missing.get(0) + " (start it with the flags of jvm.options; bin/tether does)");
    }
    if (!"true".equals(System.getProperty("ai.djl.offline"))) {
      throw new IllegalStateException("-Dai.djl.offline=true is not set: DJL would try the"
          + " network for its natives");
    }
    return "Java " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors()
        + " cores, max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB, flags ok";
  }
}
