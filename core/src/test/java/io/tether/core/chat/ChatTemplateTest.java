package io.tether.core.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tether.core.data.BadRecordException;
import io.tether.core.model.ModelFormatException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Templates in three styles (one-expression ChatML, Llama-3-like headers with a filter inside
 * {@code +}, and block tags with trimmed whitespace, slicing, {@code loop}, a Python string
 * method and {@code raise_exception}). The expected texts were rendered by Python's jinja2 3.1.6
 * with {@code trim_blocks} and {@code lstrip_blocks}, as {@code transformers} renders them.
 */
class ChatTemplateTest {
  static final String CHATML = "{% for m in messages %}{{ '<|im_start|>' + m['role'] + '\\n'"
      + " + m['content'] + '<|im_end|>' + '\\n' }}{% endfor %}{% if add_generation_prompt %}"
      + "{{ '<|im_start|>assistant\\n' }}{% endif %}";
  static final String HEADER = "{{ bos_token }}{% for message in messages %}{% set content ="
      + " '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' +"
      + " message['content'] | trim + '<|eot_id|>' %}{{ content }}{% endfor %}{% if"
      + " add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}"
      + "{% endif %}";
  static final String BLOCKS = """
      {% if messages[0]['role'] == 'system' %}
          {% set system = messages[0]['content'] %}
          {% set rest = messages[1:] %}
      {% else %}
          {% set system = 'Be brief.' %}
          {% set rest = messages %}
      {% endif %}
      {{ bos_token }}[SYS]{{ system }}[/SYS]
      {% for m in rest %}
          {% if (m['role'] == 'user') != (loop.index0 % 2 == 0) %}
              {{ raise_exception('roles must alternate user/assistant') }}
          {% endif %}
          {% if m['role'] == 'user' %}
      [U]{{ m['content'].strip() }}[/U]
          {% else %}
      {{ m['content'] }}{{ eos_token }}
          {% endif %}
      {% endfor %}
      {% if add_generation_prompt and not loop is defined %}
      >>
      {% endif %}
      """;

  static final Conversation ONE = Conversation.ofUser("  Hi there ");
  static final Conversation MULTI = new Conversation(List.of(
      new ChatMessage("system", "Answer in French."), new ChatMessage("user", "Hello"),
      new ChatMessage("assistant", "Bonjour"), new ChatMessage("user", " And goodbye? ")));

  static ChatTemplate template(String source) {
    ObjectNode tc = new ObjectMapper().createObjectNode();
    tc.put("chat_template", source);
    tc.put("bos_token", "<s>");
    tc.putObject("eos_token").put("content", "</s>").put("special", true);
    return ChatTemplate.fromTokenizerConfig(tc.toString(), "tokenizer_config.json");
  }

  @Test
  void chatMlMatchesJinja2() {
    ChatTemplate t = template(CHATML);
    assertEquals("<|im_start|>user\n  Hi there <|im_end|>\n<|im_start|>assistant\n",
        t.render(ONE, true));
    assertEquals("<|im_start|>user\n  Hi there <|im_end|>\n", t.render(ONE, false));
    assertEquals("<|im_start|>system\nAnswer in French.<|im_end|>\n<|im_start|>user\nHello"
        + "<|im_end|>\n<|im_start|>assistant\nBonjour<|im_end|>\n<|im_start|>user\n And"
        + " goodbye? <|im_end|>\n<|im_start|>assistant\n", t.render(MULTI, true));
  }

  @Test
  void headersMatchJinja2AndThePromptDropsTheBosText() {
    ChatTemplate t = template(HEADER);
    String one = "<|start_header_id|>user<|end_header_id|>\n\nHi there<|eot_id|>";
    assertEquals("<s>" + one, t.render(ONE, false));
    assertEquals("<s>" + one + "<|start_header_id|>assistant<|end_header_id|>\n\n",
        t.render(ONE, true));
    assertEquals(one + "<|start_header_id|>assistant<|end_header_id|>\n\n", t.prompt(ONE));
    assertEquals("<s><|start_header_id|>system<|end_header_id|>\n\nAnswer in French.<|eot_id|>"
        + "<|start_header_id|>user<|end_header_id|>\n\nHello<|eot_id|><|start_header_id|>"
        + "assistant<|end_header_id|>\n\nBonjour<|eot_id|><|start_header_id|>user"
        + "<|end_header_id|>\n\nAnd goodbye?<|eot_id|>", t.render(MULTI, false));
  }

  @Test
  void blockTagsMatchJinja2() {
    ChatTemplate t = template(BLOCKS);
    assertEquals("<s>[SYS]Be brief.[/SYS]\n[U]Hi there[/U]\n>>\n", t.render(ONE, true));
    assertEquals("<s>[SYS]Be brief.[/SYS]\n[U]Hi there[/U]\n", t.render(ONE, false));
    assertEquals("<s>[SYS]Answer in French.[/SYS]\n[U]Hello[/U]\nBonjour</s>\n[U]And goodbye?"
        + "[/U]\n>>\n", t.render(MULTI, true));
  }

  @Test
  void raiseExceptionStopsWithTheTemplatesMessage() {
    Conversation twice = new Conversation(List.of(new ChatMessage("user", "a"),
        new ChatMessage("user", "b")));
    BadRecordException e = assertThrows(BadRecordException.class,
        () -> template(BLOCKS).render(twice, true));
    assertTrue(e.getMessage().startsWith("tokenizer_config.json chat_template, line "),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("the template refused the conversation: roles must"
        + " alternate user/assistant"), e.getMessage());
  }

  @Test
  void aSyntaxErrorNamesTheTemplate() {
    BadRecordException e = assertThrows(BadRecordException.class,
        () -> template("{% for m in messages %}{{ m['role'] }").render(ONE, true));
    assertTrue(e.getMessage().startsWith("tokenizer_config.json chat_template, line 1: "),
        e.getMessage());
  }

  @Test
  void namedTemplatesTakeTheDefaultAndAMissingOneIsNamed() {
    ObjectNode tc = new ObjectMapper().createObjectNode();
    tc.putArray("chat_template")
        .add(new ObjectMapper().createObjectNode().put("name", "tool_use").put("template", "x"))
        .add(new ObjectMapper().createObjectNode().put("name", "default").put("template", CHATML));
    assertEquals("<|im_start|>user\n  Hi there <|im_end|>\n",
        ChatTemplate.fromTokenizerConfig(tc.toString(), "tc").render(ONE, false));
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> ChatTemplate.fromTokenizerConfig("{\"bos_token\": \"<s>\"}", "dir/tokenizer_config.json"));
    assertEquals("dir/tokenizer_config.json: has no chat_template (a string, or a list with one"
        + " named \"default\")", e.getMessage());
  }
}
