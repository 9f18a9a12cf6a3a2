package io.tether.core.config;

/**
 * Whether prompts (and the conversations of SFT and preference data) are written with a chat
 * template.
 *
 * <p>The YAML value is the lower-case name.
 */
public enum ChatTemplateMode {
  /** Texts as they are; a list of messages becomes an HH-RLHF transcript. */
  NONE,
  /** The {@code chat_template} of {@code model.pretrained}'s {@code tokenizer_config.json}. */
  MODEL
}
