package io.tether.deploy.run;

import io.tether.reward.labels.Choice;
import io.tether.reward.labels.Comparison;
import io.tether.reward.labels.ComparisonFiles;
import io.tether.reward.labels.LabelFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The refresh rounds of a run directory ({@code labels/round-NNN/}) and their labels. */
public final class LabelRounds {
  private LabelRounds() {}

  /** What an import kept: counts of each choice and the labels file written. */
  public record Imported(int a, int b, int ties, Path labels) {
    public int total() {
      return a + b + ties;
    }
  }

  /** The round whose pairs have no labels yet; an error naming the run when there is none. */
  public static long waiting(RunLayout layout) {
    List<Long> waiting = new ArrayList<>();
    for (long r : rounds(layout)) {
      Path dir = layout.labelRound(r);
      if (!Files.exists(dir.resolve(RewardRefresh.LABELS))) {
        waiting.add(r);
      }
    }
    if (waiting.isEmpty()) {
      throw new IllegalArgumentException(layout.dir() + ": no reward-model refresh round waits"
          + " for labels (rounds with pairs: " + rounds(layout) + ")");
    }
    return waiting.get(waiting.size() - 1);
  }

  /**
   * Checks {@code file}'s labels against round {@code round}'s pairs and writes them as the
   * round's {@code labels.jsonl}; an error lists every problem, one line each.
   */
  public static Imported importLabels(RunLayout layout, long round, Path file) {
    Path dir = layout.labelRound(round);
    Path pairsFile = dir.resolve(RewardRefresh.PAIRS);
    if (!Files.exists(pairsFile)) {
      throw new IllegalArgumentException(pairsFile + ": not found; " + layout.dir()
          + " has no refresh round " + round);
    }
    Path labels = dir.resolve(RewardRefresh.LABELS);
    if (Files.exists(labels)) {
      throw new IllegalArgumentException(labels + ": round " + round + " is labelled already;"
          + " delete that file to label it again before the run continues");
    }
    List<Comparison> pairs = ComparisonFiles.read(pairsFile);
    Map<String, Choice> choices = LabelFiles.read(file, pairs);
    LabelFiles.write(labels, choices);
    return new Imported(count(choices, Choice.A), count(choices, Choice.B),
        count(choices, Choice.TIE), labels);
  }

  private static int count(Map<String, Choice> choices, Choice c) {
    return (int) choices.values().stream().filter(c::equals).count();
  }

  /** The rounds that have a pairs file, in order. */
  static List<Long> rounds(RunLayout layout) {
    Path root = layout.dir().resolve("labels");
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(root)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("round-\\d+"))
          .map(n -> Long.parseLong(n.substring("round-".length())))
          .filter(r -> Files.exists(layout.labelRound(r).resolve(RewardRefresh.PAIRS)))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(root + ": " + e.getMessage(), e);
    }
  }
}
