package io.tether.learner;

import ai.djl.Device;
import io.tether.core.config.LearnerDevice;
import io.tether.core.djl.DjlRuntime;

/** The DJL device {@code learner.device} selects. */
public final class Devices {
  private Devices() {}

  /**
   * {@code auto}: the first GPU when DJL sees one, else the CPU; {@code gpu}: the first GPU or a
   * clear error; {@code cpu}: the CPU.
   */
  public static Device select(LearnerDevice choice) {
    int gpus = DjlRuntime.engine().getGpuCount();
    return switch (choice) {
      case CPU -> Device.cpu();
      case AUTO -> gpus > 0 ? Device.gpu() : Device.cpu();
      case GPU -> {
        if (gpus == 0) {
          throw new IllegalStateException("learner.device is gpu but DJL sees no CUDA device"
              + " (engine " + DjlRuntime.engine().getVersion() + " with CPU natives; use"
              + " learner.device: auto or cpu, or run where a GPU and DJL's CUDA natives exist)");
        }
        yield Device.gpu();
      }
    };
  }
}
