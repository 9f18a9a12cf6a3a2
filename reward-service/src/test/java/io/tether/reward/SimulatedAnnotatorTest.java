package io.tether.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.reward.labels.Choice;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class SimulatedAnnotatorTest {
  /** gold = the number of '+' signs. */
  private static final ToDoubleFunction<String> PLUSES =
      s -> s.chars().filter(c -> c == '+').count();

  private static double agreement(double tau) {
    SimulatedAnnotator a = new SimulatedAnnotator(PLUSES, tau, 7);
    for (int i = 0; i < 4000; i++) {
      a.label("+".repeat(i % 3), "+".repeat((i / 3) % 3));
    }
    return a.agreement();
  }

  @Test
  void agreementWithTheGoldOrderRisesAsTauFalls() {
    double sharp = agreement(0.05);
    double medium = agreement(1.0);
    double flat = agreement(100.0);
    assertTrue(sharp > 0.999, "tau 0.05: " + sharp);
    // |gold difference| is 1 or 2 (in 2:1 proportion): sigmoid(1) and sigmoid(2)
    double expected = (2 * (1 / (1 + Math.exp(-1))) + 1 / (1 + Math.exp(-2))) / 3;
    assertEquals(expected, medium, 0.03);
    assertEquals(0.5, flat, 0.05);
  }

  @Test
  void equalGoldIsACoinFlipAndNotCountedAsAgreement() {
    SimulatedAnnotator a = new SimulatedAnnotator(PLUSES, 1.0, 3);
    int firstChosen = 0;
    for (int i = 0; i < 2000; i++) {
      firstChosen += a.label("x", "y").chosen().equals("x") ? 1 : 0;
    }
    assertEquals(1000, firstChosen, 100);
    assertEquals(0, a.decided());
    assertEquals(2000, a.labelled());
  }

  @Test
  void choiceIsTieOnEqualGoldAndOtherwiseTheLabelOfTheSameDraw() {
    SimulatedAnnotator labels = new SimulatedAnnotator(PLUSES, 1.0, 11);
    SimulatedAnnotator choices = new SimulatedAnnotator(PLUSES, 1.0, 11);
    int ties = 0;
    int agreeing = 0;
    for (int i = 0; i < 600; i++) {
      String a = "+".repeat(i % 3);
      String b = "+".repeat((i / 3) % 3);
      boolean labelA = labels.label(a, b).chosen().equals(a);
      Choice c = choices.choose(a, b);
      if (a.equals(b)) {
        assertEquals(Choice.TIE, c, "pair " + i);
        ties++;
      } else {
        assertEquals(labelA ? Choice.A : Choice.B, c, "pair " + i);
        agreeing += (c == Choice.A) == (a.length() > b.length()) ? 1 : 0;
      }
    }
    assertEquals(200, ties);
    assertEquals(labels.agreement(), choices.agreement(), 1e-12);
    assertEquals(choices.agreement() * 400, agreeing, 1e-9);
  }
}
