package io.tether.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tether.core.data.BadRecordException;
import java.util.ArrayList;
import java.util.List;

/**
 * A conversation's turns in order, read from a list of {@code {"role", "content"}} objects (the
 * layout of {@code transformers}' chat templates and of OpenAI-style {@code messages}) or from an
 * HH-RLHF transcript ({@code "\n\nHuman: ...\n\nAssistant: ..."}).
 */
public record Conversation(List<ChatMessage> messages) {
  static final String HUMAN = "\n\nHuman:";
  static final String ASSISTANT = "\n\nAssistant:";

  public Conversation {
    messages = List.copyOf(messages);
    if (messages.isEmpty()) {
      throw new BadRecordException("the conversation has no turns");
    }
  }

  /** A conversation of one user turn. */
  public static Conversation ofUser(String text) {
    return new Conversation(List.of(new ChatMessage(ChatMessage.USER, text)));
  }

  /**
   * The turns of an HH-RLHF transcript: each {@code \n\nHuman:} starts a user turn and each
   * {@code \n\nAssistant:} an assistant turn, contents trimmed; text before the first marker is
   * an error.
   */
  public static Conversation fromHh(String transcript) {
    List<ChatMessage> out = new ArrayList<>();
    int at = nextMarker(transcript, 0);
    if (at != 0 && (at < 0 || !transcript.substring(0, at).isBlank())) {
      throw new BadRecordException("the transcript does not start with a \"\\n\\nHuman:\" turn");
    }
    while (at >= 0) {
      boolean human = transcript.startsWith(HUMAN, at);
      int start = at + (human ? HUMAN.length() : ASSISTANT.length());
      int next = nextMarker(transcript, start);
      String content = transcript.substring(start, next < 0 ? transcript.length() : next).strip();
      out.add(new ChatMessage(human ? ChatMessage.USER : ChatMessage.ASSISTANT, content));
      at = next;
    }
    return new Conversation(out);
  }

  /** The turns of a JSON array of {@code {"role": ..., "content": ...}} objects. */
  public static Conversation fromJson(JsonNode array, String field) {
    if (!array.isArray()) {
      throw new BadRecordException("\"" + field + "\" is not a list of messages");
    }
    List<ChatMessage> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode m = array.get(i);
      if (!m.path("role").isTextual() || !m.path("content").isTextual()) {
        throw new BadRecordException("\"" + field + "\"[" + i + "] needs a string \"role\" and a"
            + " string \"content\"");
      }
      out.add(new ChatMessage(m.get("role").asText(), m.get("content").asText()));
    }
    return new Conversation(out);
  }

  /** The turns before the assistant's last answer: all of them when the last turn is not one. */
  public Conversation prompt() {
    if (!last().isAssistant()) {
      return this;
    }
    if (messages.size() == 1) {
      throw new BadRecordException("the conversation is one assistant turn, with no prompt");
    }
    return new Conversation(messages.subList(0, messages.size() - 1));
  }

  /** The assistant's last answer, which must end the conversation. */
  public String answer() {
    if (!last().isAssistant()) {
      throw new BadRecordException("the conversation does not end with an assistant turn");
    }
    return last().content();
  }

  /**
   * The HH-RLHF transcript of these turns, ending with an empty assistant turn ({@code
   * \n\nAssistant:}) when the last turn is not the assistant's; system turns are written as
   * user turns.
   */
  public String hhPrompt() {
    StringBuilder b = new StringBuilder();
    for (ChatMessage m : messages) {
      b.append(m.isAssistant() ? ASSISTANT : HUMAN).append(' ').append(m.content());
    }
    if (!last().isAssistant()) {
      b.append(ASSISTANT);
    }
    return b.toString();
  }

  private ChatMessage last() {
    return messages.get(messages.size() - 1);
  }

  private static int nextMarker(String s, int from) {
    int h = s.indexOf(HUMAN, from);
    int a = s.indexOf(ASSISTANT, from);
    return h < 0 ? a : a < 0 ? h : Math.min(h, a);
  }
}
