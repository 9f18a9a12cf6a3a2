package io.tether.core.config;

/**
 * What to do with a prompt longer than the context leaves room for.
 *
 * <p>The YAML value is the lower-case name.
 */
public enum PromptOverflow {
  /** Keep the last tokens, drop the beginning. */
  TRUNCATE_LEFT,
  /** Drop the prompt and count it. */
  REJECT
}
