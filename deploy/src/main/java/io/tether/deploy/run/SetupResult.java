package io.tether.deploy.run;

import io.tether.core.json.Json;
import io.tether.core.data.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the run's set-up (SFT, preference labelling, reward model training) measured; kept in the
 * run directory as {@code setup.json} (snake_case keys of these fields) so a resumed run reports
 * it too.
 */
public record SetupResult(double sftFirstLoss, double sftLastLoss, double sftSeconds,
    double annotatorAgreement, int pairs, double rmHeldoutAccuracy, double rmHeldoutMargin,
    double rmSeconds) {

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
