package io.tether.core.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.core.data.BadRecordException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationTest {
  @Test
  void anHhTranscriptSplitsIntoTrimmedTurns() {
    Conversation c = Conversation.fromHh(
        "\n\nHuman: What is 2+2?\n\nAssistant: Four.\n\nHuman:  And 3+3? \n\nAssistant: Six.");
    assertEquals(List.of(new ChatMessage("user", "What is 2+2?"),
        new ChatMessage("assistant", "Four."), new ChatMessage("user", "And 3+3?"),
        new ChatMessage("assistant", "Six.")), c.messages());
    assertEquals("Six.", c.answer());
    assertEquals(3, c.prompt().messages().size());
    assertEquals("\n\nHuman: What is 2+2?\n\nAssistant: Four.\n\nHuman: And 3+3?\n\nAssistant:",
        c.prompt().hhPrompt());
  }

  @Test
  void badTranscriptsAndMessagesAreNamed() {
    assertEquals("the transcript does not start with a \"\\n\\nHuman:\" turn", assertThrows(
        BadRecordException.class, () -> Conversation.fromHh("Hi\n\nHuman: x")).getMessage());
    assertEquals("the conversation does not end with an assistant turn", assertThrows(
        BadRecordException.class, () -> Conversation.ofUser("x").answer()).getMessage());
    var json = new ObjectMapper().createArrayNode();
    json.addObject().put("role", "user").put("content", "hi");
    json.addObject().put("role", "assistant");
    assertEquals("\"messages\"[1] needs a string \"role\" and a string \"content\"", assertThrows(
        BadRecordException.class, () -> Conversation.fromJson(json, "messages")).getMessage());
  }
}
