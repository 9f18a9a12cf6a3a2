package io.tether.deploy;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The {@code --set KEY=VALUE} option of every command that loads a run config, as a picocli
 * {@code @Mixin}: applied in order over the YAML the command reads, a later one winning.
 */
final class ConfigOverrides {
  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Override a key of the config `${COMMAND-FULL-NAME}` runs with, e.g. --set"
          + " run.iterations=5 (repeatable; a later one wins).")
  List<String> overrides = new ArrayList<>();

  /** The overrides in the order given. */
  List<String> list() {
    return List.copyOf(overrides);
  }
}
