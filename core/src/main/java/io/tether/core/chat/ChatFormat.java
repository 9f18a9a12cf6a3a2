package io.tether.core.chat;

import io.tether.core.data.BadRecordException;
import java.io.Serializable;

/**
 * How a run writes its conversations as text: as they are (HH-RLHF transcripts stay byte for
 * byte what the file holds; a list of messages becomes such a transcript), or with a model's
 * chat template, where a prompt is the rendered turns with the assistant's cue and a training
 * text is that prompt followed by the assistant's answer, exactly as a rollout is the prompt
 * followed by the policy's tokens.
 */
public final class ChatFormat implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Texts as they are. */
  public static final ChatFormat PLAIN = new ChatFormat(null);

  private final ChatTemplate template;

  private ChatFormat(ChatTemplate template) {
    this.template = template;
  }

  /** Conversations written with {@code template}. */
  public static ChatFormat of(ChatTemplate template) {
    return new ChatFormat(java.util.Objects.requireNonNull(template, "template"));
  }

  /** Whether a chat template is applied. */
  public boolean templated() {
    return template != null;
  }

  /** The prompt of a plain-text prompt: the text, or the template's one user turn. */
  public String userPrompt(String text) {
    return template == null ? text : template.prompt(Conversation.ofUser(text));
  }

  /** The prompt of {@code c}: its turns before the last answer, with the assistant's cue. */
  public String prompt(Conversation c) {
    Conversation p = c.prompt();
    return template == null ? p.hhPrompt() : template.prompt(p);
  }

  /** The prompt of {@code c} followed by its last answer. */
  public String exchange(Conversation c) {
    String answer = c.answer();
    return template == null ? c.prompt().hhPrompt() + " " + answer : prompt(c) + answer;
  }

  /** The prompt of an HH-RLHF transcript: up to and including its last assistant cue. */
  public String hhPrompt(String transcript) {
    if (template != null) {
      return prompt(Conversation.fromHh(transcript));
    }
    int at = transcript.lastIndexOf(Conversation.ASSISTANT);
    if (at < 0) {
      throw new BadRecordException("\"chosen\" has no \"\\n\\nAssistant:\" turn");
    }
    return transcript.substring(0, at + Conversation.ASSISTANT.length());
  }

  /** An HH-RLHF transcript ending with an answer: as it is, or the templated exchange. */
  public String hhExchange(String transcript) {
    return template == null ? transcript : exchange(Conversation.fromHh(transcript));
  }
}
