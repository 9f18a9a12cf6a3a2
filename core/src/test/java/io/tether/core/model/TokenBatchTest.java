package io.tether.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenBatchTest {
  private static final int PAD = 9;

  @Test
  void leftPaddingPutsEveryLastTokenInTheLastColumn() {
    TokenBatch b = TokenBatch.leftPadded(List.of(new int[] {1, 2, 3}, new int[] {4}), PAD);
    assertEquals(3, b.length());
    assertArrayEquals(new long[] {1, 2, 3, PAD, PAD, 4}, b.tokens());
    assertArrayEquals(new boolean[] {true, true, true, false, false, true}, b.valid());
    assertArrayEquals(new long[] {0, 1, 2, 0, 0, 0}, b.positions());
    assertEquals(1, b.realLength(1));
  }

  @Test
  void rightPaddingKeepsPositionsOfRealTokens() {
    TokenBatch b = TokenBatch.rightPadded(List.of(new int[] {4}, new int[] {5, 6, 7}), PAD);
    assertArrayEquals(new long[] {4, PAD, PAD, 5, 6, 7}, b.tokens());
    assertArrayEquals(new long[] {0, 0, 0, 0, 1, 2}, b.positions());
  }

  @Test
  void attentionBiasIsCausalAndSkipsPadKeys() {
    boolean[] valid = {false, true, true};
    float[] bias = AttentionMask.bias(valid, 1, 3, 3);
    float x = AttentionMask.BLOCKED;
    assertArrayEquals(new float[] {x, x, x, x, 0, x, x, 0, 0}, bias);
  }

  @Test
  void attentionBiasForOneNewQueryOverCachedKeys() {
    boolean[] valid = {true, false, true, true, true, true, true, false};
    float[] bias = AttentionMask.bias(valid, 2, 1, 4);
    float x = AttentionMask.BLOCKED;
    assertArrayEquals(new float[] {0, x, 0, 0, 0, 0, 0, x}, bias);
    assertThrows(IllegalArgumentException.class, () -> AttentionMask.bias(valid, 2, 5, 4));
  }

  @Test
  void responseBatchMaskAndTargetsLineUp() {
    ResponseBatch rb = ResponseBatch.of(
        List.of(new int[] {1, 2}, new int[] {3}),
        List.of(new int[] {7, 8}, new int[] {5, 6, 4}), PAD);
    // rows: [1 2 7 8] and [3 5 6 4]; T = 4, shifted width 3
    assertEquals(3, rb.lastTokenColumn(0));
    assertEquals(3, rb.lastTokenColumn(1));
    // response space, width 3: row 0's two tokens are predicted at shifted columns 1 and 2
    assertEquals(3, rb.maxResponseLength());
    assertArrayEquals(new long[] {1, 2, 0, 0, 1, 2}, rb.responseColumns(3));
    assertArrayEquals(new long[] {7, 8, 0, 5, 6, 4}, rb.responseTargets(3));
    assertArrayEquals(new float[] {1, 1, 0, 1, 1, 1}, rb.responseMask(3));
    assertArrayEquals(new float[] {0, 1, 0, 0, 0, 1}, rb.lastResponseToken(3));
    // a wider space pads every row with zeros
    assertArrayEquals(new float[] {1, 1, 0, 0, 1, 1, 1, 0}, rb.responseMask(4));
    assertArrayEquals(new float[] {0, 1, 0, 0, 0, 0, 1, 0}, rb.lastResponseToken(4));
  }

  @Test
  void emptyResponseReadsScoreAtLastPromptToken() {
    ResponseBatch rb = ResponseBatch.of(
        List.of(new int[] {1, 2, 3}), List.of(new int[0]), PAD);
    assertEquals(2, rb.lastTokenColumn(0));
    assertArrayEquals(new float[] {0, 0}, rb.responseMask(2));
    assertArrayEquals(new float[] {0, 0}, rb.lastResponseToken(2));
  }
}
