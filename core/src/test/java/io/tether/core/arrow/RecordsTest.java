package io.tether.core.arrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecordsTest {

  @Test
  void rolloutRejectsPerTokenArraysOfOtherLengths() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> rollout(new int[] {1, 2, 3}, new float[3], new float[2]));
    assertEquals(
        "responseTokens, logprobs and refLogprobs must have equal lengths, got 3, 3, 2",
        e.getMessage());
    assertThrows(NullPointerException.class, () -> new Prompt(1, null));
  }

  @Test
  void equalityUsesArrayContent() {
    Rollout a = rollout(new int[] {4, 5}, new float[] {Float.NaN, -1f}, new float[] {0f, 2f});
    Rollout b = rollout(new int[] {4, 5}, new float[] {Float.NaN, -1f}, new float[] {0f, 2f});
    Rollout c = rollout(new int[] {4, 5}, new float[] {Float.NaN, -1f}, new float[] {0f, 3f});
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, c);
    assertEquals(new ScoredRollout(a, 1f, null), new ScoredRollout(b, 1f, null));
    assertNotEquals(new ScoredRollout(a, 1f, null), new ScoredRollout(b, 1f, 1f));
    assertEquals(new Prompt(3, new int[] {9}), a.prompt());
    assertEquals(2, a.responseLength());
    assertTrue(a.toString().contains("refLogprobs=[0.0, 2.0]"), a.toString());
    assertEquals("Prompt[promptId=3, promptTokens=[9]]", a.prompt().toString());
  }

  private static Rollout rollout(int[] response, float[] logprobs, float[] refLogprobs) {
    return new Rollout(3, new int[] {9}, 0, 7, response, logprobs, refLogprobs, true);
  }
}
