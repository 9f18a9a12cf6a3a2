package io.tether.deploy.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The set-up a sweep's runs share when the swept key acts only after it: the first run's tokenizer,
 * initial policy, reward model, prompts and preference data are copied into a later run's fresh
 * directory, which then starts at iteration 0 as a run resumed after its set-up does. The set-up
 * reads none of these keys, so the copy is what the run's own set-up would have made; the minutes
 * of SFT and reward-model training are spent once per sweep instead of once per run.
 */
public final class SharedSetup {
  /** Keys (or key prefixes) the set-up does not read. */
  private static final List<String> AFTER_SETUP = List.of("learner.", "run.iterations",
      "reward.refresh_", "reward.labeller", "reward.score_clip", "reward.unfinished_penalty",
      "eval.every");
  private static final String SETUP = "setup.json";
  private static final String REFERENCE = "checkpoints/reference/v000000";
  /** Copied when the first run has them (a files task keeps no data/, a rule reward no model). */
  private static final List<String> OPTIONAL = List.of("data", "checkpoints/reward/v000000");

  private SharedSetup() {}

  /** Whether runs that differ only in {@code key} have the same set-up. */
  public static boolean keeps(String key) {
    return AFTER_SETUP.stream().anyMatch(key::startsWith);
  }

  /**
   * Copies {@code from}'s set-up into {@code to} when {@code to} does not exist yet and {@code
   * from}'s set-up is complete; returns whether it did. Both keep their checkpoints in the run
   * directory, as a sweep's runs do ({@code run.checkpoint_dir} is refused there).
   */
  public static boolean copy(RunLayout from, RunLayout to) {
    if (Files.exists(to.dir()) || !Files.exists(from.dir().resolve(SETUP))
        || !Files.exists(from.dir().resolve(REFERENCE))) {
      return false;
    }
    try {
      copyTree(from.dir().resolve(REFERENCE), to.dir().resolve(REFERENCE));
      for (String f : OPTIONAL) {
        if (Files.exists(from.dir().resolve(f))) {
          copyTree(from.dir().resolve(f), to.dir().resolve(f));
        }
      }
      try (Stream<Path> files = Files.list(from.dir().resolve("checkpoints"))) {
        for (Path f : files.filter(Files::isRegularFile).toList()) { // tokenizer.json, hf-*
          Files.copy(f, to.dir().resolve("checkpoints").resolve(f.getFileName().toString()));
        }
      }
      SetupResult r = SetupResult.read(from.dir().resolve(SETUP));
      r.withScorer(r.scorer() + "; set-up shared from " + from.dir().getFileName())
          .write(to.dir().resolve(SETUP));
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("copying the set-up of " + from.dir() + " to " + to.dir(), e);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else if (!f.getFileName().toString().startsWith(".")) {
          Files.createDirectories(target.getParent());
          Files.copy(f, target);
        }
      }
    }
  }
}
