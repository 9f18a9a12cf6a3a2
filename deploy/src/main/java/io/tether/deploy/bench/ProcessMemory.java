package io.tether.deploy.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * This process's resident memory from Linux's {@code /proc/self/status}: the current size
 * ({@code VmRSS}) and the peak since the process started ({@code VmHWM}). Empty where there is
 * no such file (not Linux).
 */
final class ProcessMemory {
  private static final Path STATUS = Path.of("/proc/self/status");

  private ProcessMemory() {}

  /** Resident bytes now. */
  static OptionalLong residentBytes() {
    return field("VmRSS:");
  }

  /** The most resident bytes since the process started. */
  static OptionalLong peakBytes() {
    return field("VmHWM:");
  }

  private static OptionalLong field(String key) {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith(key)) {
          String kb = line.substring(key.length()).trim().split("\\s+")[0];
          return OptionalLong.of(Long.parseLong(kb) * 1024);
        }
      }
      return OptionalLong.empty();
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }
}
