package io.tether.core.chat;

import java.util.Objects;

/**
 * One turn of a conversation.
 *
 * @param role {@code system}, {@code user} or {@code assistant} (a chat template may know more)
 * @param content the turn's text
 */
public record ChatMessage(String role, String content) {
  public static final String USER = "user";
  public static final String ASSISTANT = "assistant";

  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  /** Whether this is the assistant's turn. */
  public boolean isAssistant() {
    return ASSISTANT.equals(role);
  }
}
