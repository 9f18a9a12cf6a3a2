package io.tether.reward.flight;

import io.tether.core.arrow.ArrowMemory;
import io.tether.core.arrow.ProcessRole;

/** The Arrow memory the tests' reward clients work in, as a driver's would be. */
final class TestMemory {
  static final ArrowMemory CLIENTS = ArrowMemory.open(ProcessRole.DRIVER);

  private TestMemory() {}
}
