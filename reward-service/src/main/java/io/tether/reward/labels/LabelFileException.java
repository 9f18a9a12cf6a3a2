package io.tether.reward.labels;

import java.util.List;

/** A labels or pairs file that cannot be used: every problem found, one line each. */
public final class LabelFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** Problems listed in the message; the rest are counted. */
  static final int LISTED = 20;

  private final transient List<String> problems;

  public LabelFileException(List<String> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, one per entry. */
  public List<String> problems() {
    return problems;
  }

  private static String message(List<String> problems) {
    StringBuilder s = new StringBuilder(String.join("\n", problems.subList(0,
        Math.min(LISTED, problems.size()))));
    if (problems.size() > LISTED) {
      s.append("\n... and ").append(problems.size() - LISTED).append(" more");
    }
    return s.toString();
  }
}
