package io.tether.deploy.run;

import io.tether.core.data.AtomicFiles;
import io.tether.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the run's set-up (initial policy, reward model) did and measured; kept in the run
 * directory as {@code setup.json} (snake_case keys of these fields) so a resumed run reports it
 * too. Figures of a step that did not run are NaN (null in the file).
 *
 * @param task the task line the run printed first
 * @param scorer the model that scores the rollouts: trained here, {@code reward.checkpoint}, or
 *     the reward service
 * @param annotatorAgreement the simulated annotator's agreement with the gold preference; NaN
 *     when the pairs came from a file
 * @param pairs preference pairs of the reward model, training and held out; 0 when none was
 *     trained
 * @param rmHeldoutPairs the held-out pairs among them
 * @param rmHeldoutAccuracy share of held-out pairs the reward model orders as their labels do
 * @param rmHeldoutGoldAccuracy share it orders as the gold reward does; NaN without a gold reward
 */
public record SetupResult(String task, String scorer, double sftFirstLoss, double sftLastLoss,
    double sftSeconds, double annotatorAgreement, int pairs, int rmHeldoutPairs,
    double rmHeldoutAccuracy, double rmHeldoutGoldAccuracy, double rmHeldoutMargin,
    double rmSeconds) {

  /** This result with {@code scorer}. */
  SetupResult withScorer(String scorer) {
    return new SetupResult(task, scorer, sftFirstLoss, sftLastLoss, sftSeconds,
        annotatorAgreement, pairs, rmHeldoutPairs, rmHeldoutAccuracy, rmHeldoutGoldAccuracy,
        rmHeldoutMargin, rmSeconds);
  }

  void write(Path file) {
    AtomicFiles.writeString(file, Json.write(this));
  }

  static SetupResult read(Path file) {
    try {
      return Json.read(Files.readString(file), SetupResult.class, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  static boolean exists(Path file) {
    return Files.isRegularFile(file);
  }
}
