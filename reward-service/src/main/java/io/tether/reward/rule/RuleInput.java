package io.tether.reward.rule;

/**
 * What a rule sees of one rollout.
 *
 * @param prompt the prompt as text (decoded, as the policy read it; no BOS)
 * @param response the response as text, without the EOS that ended it
 * @param reference the prompt record's reference answer ({@code data.reference_field}), or null
 *     where it has none
 * @param responseTokens the number of response tokens, EOS not counted
 * @param finished whether the response ended with EOS (false: cut at {@code
 *     rollout.max_new_tokens})
 */
public record RuleInput(String prompt, String response, String reference, int responseTokens,
    boolean finished) {}
