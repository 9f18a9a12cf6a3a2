package io.tether.reward.rule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tether.core.arrow.Rollout;
import io.tether.core.arrow.ScoredRollout;
import io.tether.core.config.ConfigException;
import io.tether.core.config.RuleConfig;
import io.tether.core.config.RuleKind;
import io.tether.core.tokenizer.ByteTokenizer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule rewards on known strings, the weighted sum, and user classes loaded by name. */
class RuleSetTest {
  private static final ByteTokenizer TOK = new ByteTokenizer();

  private static RuleConfig rule(RuleKind kind, double weight, String pattern, int target,
      String className) {
    RuleConfig c = new RuleConfig(kind, weight, pattern, target, className);
    c.check("reward.rules[0]");
    return c;
  }

  private static float[] scores(RuleSet rules, String response, String reference, int tokens) {
    return rules.scores(new RuleInput("12+7=", response, reference, tokens, true), "test");
  }

  @Test
  void builtInRulesOnKnownStrings() {
    RuleSet rules = RuleSet.of(List.of(
        rule(RuleKind.REGEX, 1, "\\bcat\\b", 0, ""),
        rule(RuleKind.EXACT_MATCH, 1, "", 0, ""),
        rule(RuleKind.EXACT_MATCH, 1, "answer: (-?\\d+)", 0, ""),
        rule(RuleKind.LENGTH_PENALTY, 1, "", 0 + 4, "")));
    assertArrayEquals(new float[] {1, 0, 0, 0}, scores(rules, "a cat sat", "19", 3));
    assertArrayEquals(new float[] {0, 0, 0, 0}, scores(rules, "concatenate", "19", 4));
    assertArrayEquals(new float[] {0, 1, 0, -0.5f}, scores(rules, " 19 ", "19", 6));
    // the last match counts: an early wrong answer corrected later is right, and vice versa
    assertArrayEquals(new float[] {0, 0, 1, -1}, scores(rules,
        "answer: 18 ... answer: 19", "19", 8));
    assertArrayEquals(new float[] {0, 0, 0, -1}, scores(rules,
        "answer: 19 ... answer: 18", "19", 8));
    assertArrayEquals(new float[] {0, 0, 0, 0}, scores(rules, "19", null, 2),
        "a prompt without a reference never matches");
  }

  @Test
  void theScoreIsTheWeightedSumBesideTheModelScore() {
    RuleSet rules = RuleSet.of(List.of(rule(RuleKind.EXACT_MATCH, 2.0, "", 0, ""),
        rule(RuleKind.LENGTH_PENALTY, 0.5, "", 2, "")));
    References refs = new References.Builder()
        .put(withBos("12+7="), "19", "prompts.jsonl: record 0").build();
    RuleScorer scorer = new RuleScorer(rules, TOK, refs, 0.25, 0, 1.5);
    Rollout right = rollout(0, "12+7=", "19", true);
    Rollout wrongAndLong = rollout(1, "12+7=", "18 or so", false);
    Rollout otherPrompt = rollout(2, "1+1=", "2", true);
    List<ScoredRollout> combined = scorer.combine(List.of(
        new ScoredRollout(right, 0.8f, null), new ScoredRollout(wrongAndLong, -0.4f, 3f)));
    // right: 0.25 * 0.8 + 2 * 1 + 0.5 * 0 (2 tokens, EOS not counted)
    assertEquals(0.25 * 0.8 + 2, combined.get(0).score(), 1e-6);
    assertEquals(0.8f, combined.get(0).modelScore());
    assertArrayEquals(new float[] {1, 0}, combined.get(0).ruleScores());
    // wrong and cut: 8 tokens, penalty -(8 - 2) / 2 = -3; gold carried through
    assertEquals(0.25 * -0.4 + 0.5 * -3, combined.get(1).score(), 1e-6);
    assertEquals(3f, combined.get(1).goldScore());
    List<ScoredRollout> only = scorer.rulesOnly(List.of(right, wrongAndLong, otherPrompt), null);
    assertEquals(2.0, only.get(0).score(), 1e-6);
    assertEquals(0.5 * -3 - 1.5, only.get(1).score(), 1e-6, "the unfinished penalty applies");
    assertEquals(0.0, only.get(2).score(), 1e-6, "no reference for this prompt");
    assertEquals(null, only.get(0).modelScore());
  }

  @Test
  void aUserClassIsLoadedByName() {
    RuleSet rules = RuleSet.of(List.of(rule(RuleKind.CLASS, 1, "", 0, CountVowels.class.getName()),
        rule(RuleKind.REGEX, 3, "o", 0, "")));
    assertEquals(List.of("CountVowels", "regex"), rules.names());
    float[] s = scores(rules, "foo bar", null, 7);
    assertArrayEquals(new float[] {3, 1}, s);
    assertEquals(6.0, rules.weighted(s), 1e-12);
  }

  @Test
  void aMissingOrWrongClassIsAClearErrorNamingTheKey() {
    ConfigException missing = assertThrows(ConfigException.class, () -> RuleSet.of(List.of(
        rule(RuleKind.REGEX, 1, "x", 0, ""), rule(RuleKind.CLASS, 1, "", 0, "com.example.Nope"))));
    assertEquals("reward.rules[1].class", missing.key());
    assertEquals("reward.rules[1].class: class com.example.Nope is not on the classpath (add its"
        + " jar to the driver and executors, e.g. with spark.jars)", missing.getMessage());
    ConfigException wrong = assertThrows(ConfigException.class, () -> RuleSet.of(List.of(
        rule(RuleKind.CLASS, 1, "", 0, NotARule.class.getName()))));
    assertEquals("reward.rules[0].class: class io.tether.reward.rule.NotARule does not implement"
        + " io.tether.reward.rule.RewardRule", wrong.getMessage());
  }

  @Test
  void aNonFiniteRuleScoreNamesTheRuleAndTheRollout() {
    RuleSet rules = RuleSet.of(List.of(rule(RuleKind.LENGTH_PENALTY, 1, "", 1, ""),
        rule(RuleKind.CLASS, 1, "", 0, NanRule.class.getName())));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> rules.scores(new RuleInput("p", "r", null, 1, true), "rollout 7"));
    assertEquals("rule 1 (NanRule) scored NaN for rollout 7; rule scores must be finite",
        e.getMessage());
  }

  private static int[] withBos(String text) {
    int[] body = TOK.encode(text);
    int[] out = new int[body.length + 1];
    out[0] = TOK.bos();
    System.arraycopy(body, 0, out, 1, body.length);
    return out;
  }

  private static Rollout rollout(long id, String prompt, String response, boolean finished) {
    int[] p = withBos(prompt);
    byte[] b = response.getBytes(StandardCharsets.UTF_8);
    int n = b.length + (finished ? 1 : 0);
    int[] r = new int[n];
    for (int i = 0; i < b.length; i++) {
      r[i] = b[i] & 0xff;
    }
    if (finished) {
      r[n - 1] = TOK.eos();
    }
    return new Rollout(id, p, 0, 0, r, new float[n], new float[n], finished);
  }
}
