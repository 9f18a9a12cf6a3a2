package io.tether.deploy.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the run's set-up (SFT, preference labelling, reward model training) measured; kept in the
 * run directory as {@code setup.json} so a resumed run reports it too.
 */
public record SetupResult(double sftFirstLoss, double sftLastLoss, double sftSeconds,
    double annotatorAgreement, int pairs, double rmHeldoutAccuracy, double rmHeldoutMargin,
    double rmSeconds) {
  private static final ObjectMapper JSON = new ObjectMapper();

  void write(Path file) {
    ObjectNode n = JSON.createObjectNode();
    n.put("sft_first_loss", sftFirstLoss);
    n.put("sft_last_loss", sftLastLoss);
    n.put("sft_seconds", sftSeconds);
    n.put("annotator_agreement", annotatorAgreement);
    n.put("pairs", pairs);
    n.put("rm_heldout_accuracy", rmHeldoutAccuracy);
    n.put("rm_heldout_margin", rmHeldoutMargin);
    n.put("rm_seconds", rmSeconds);
    io.tether.deploy.report.Summaries.writeJson(n, file);
  }

  static SetupResult read(Path file) {
    try {
      JsonNode n = JSON.readTree(file.toFile());
      return new SetupResult(n.path("sft_first_loss").asDouble(Double.NaN),
          n.path("sft_last_loss").asDouble(Double.NaN), n.path("sft_seconds").asDouble(Double.NaN),
          n.path("annotator_agreement").asDouble(Double.NaN), n.path("pairs").asInt(),
          n.path("rm_heldout_accuracy").asDouble(Double.NaN),
          n.path("rm_heldout_margin").asDouble(Double.NaN), n.path("rm_seconds").asDouble(Double.NaN));
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  static boolean exists(Path file) {
    return Files.isRegularFile(file);
  }
}
