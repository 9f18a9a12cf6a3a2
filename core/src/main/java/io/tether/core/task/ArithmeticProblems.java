package io.tether.core.task;

import java.util.ArrayList;
import java.util.List;

/**
 * The built-in arithmetic task's problems: {@code a+b=} for every a, b in [0, {@link #LIMIT}), the
 * sum as the answer. A stable hash of (a, b) puts a share of them aside for evaluation, never
 * trained on (neither in SFT nor in RL): accuracy there measures addition learnt, not recalled.
 */
public final class ArithmeticProblems {
  /** Operands are below this. */
  public static final int LIMIT = 100;

  private ArithmeticProblems() {}

  /** One problem. */
  public record Problem(int a, int b) {
    /** {@code a+b=}: what the policy is prompted with. */
    public String prompt() {
      return a + "+" + b + "=";
    }

    /** The sum, in decimal. */
    public String answer() {
      return Integer.toString(a + b);
    }

    /** Prompt and answer: an SFT text. */
    public String text() {
      return prompt() + answer();
    }

    boolean heldOut(double fraction) {
      return StableSplit.heldOut(0x2545F4914F6CDD1DL * (a * (long) LIMIT + b + 1), fraction);
    }
  }

  /** The problems on one side of the split, in (a, b) order. */
  public static List<Problem> of(boolean evaluation, double fraction) {
    List<Problem> out = new ArrayList<>();
    for (int a = 0; a < LIMIT; a++) {
      for (int b = 0; b < LIMIT; b++) {
        Problem p = new Problem(a, b);
        if (p.heldOut(fraction) == evaluation) {
          out.add(p);
        }
      }
    }
    return out;
  }

  /** The SFT texts: every training problem with its answer. */
  public static List<String> sftTexts(double fraction) {
    return of(false, fraction).stream().map(Problem::text).toList();
  }
}
