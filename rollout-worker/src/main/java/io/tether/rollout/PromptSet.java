package io.tether.rollout;

import io.tether.core.arrow.Prompt;
import java.util.List;

/**
 * Prompts ready for the rollout stage, with what loading them did.
 *
 * @param prompts tokenised prompts (BOS first), ids stable across re-reads
 * @param lines non-blank input records seen
 * @param skipped bad records skipped (bad_lines: skip)
 * @param truncated prompts cut from the left to fit the context
 * @param rejected prompts dropped as too long (prompt_overflow: reject)
 * @param firstErrors the first few skipped records' messages
 * @param references each prompt's reference answer (same order as {@code prompts}), null where
 *     its record has none
 */
public record PromptSet(List<Prompt> prompts, long lines, long skipped, long truncated,
    long rejected, List<String> firstErrors, List<String> references) {}
