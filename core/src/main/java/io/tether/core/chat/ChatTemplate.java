package io.tether.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import io.tether.core.data.BadRecordException;
import io.tether.core.model.ModelFormatException;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's chat template: the Jinja template of its {@code tokenizer_config.json}, rendered by
 * Jinjava the way {@code transformers}' {@code apply_chat_template} renders it (blocks trimmed
 * and left-stripped; {@code messages}, {@code add_generation_prompt}, {@code bos_token}, {@code
 * eos_token} bound; {@code raise_exception(message)} stops with the message). A prompt is the
 * rendered text without the leading BOS text, since the run puts the BOS id in front itself.
 */
public final class ChatTemplate implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String template;
  private final String bosToken;
  private final String eosToken;
  private final String source;
  private transient Jinjava engine;

  /**
   * @param template the Jinja source
   * @param bosToken the BOS token's text ("" if none)
   * @param eosToken the EOS token's text ("" if none)
   * @param source where the template came from, for messages
   */
  public ChatTemplate(String template, String bosToken, String eosToken, String source) {
    this.template = template;
    this.bosToken = bosToken;
    this.eosToken = eosToken;
    this.source = source;
  }

  /**
   * The template of a {@code tokenizer_config.json} text: its {@code chat_template} (a string, or
   * a list of named templates of which the one named {@code default} is taken).
   */
  public static ChatTemplate fromTokenizerConfig(String json, String source) {
    JsonNode tc;
    try {
      tc = JSON.readTree(json);
    } catch (IOException e) {
      throw new ModelFormatException(source + ": not JSON: " + e.getMessage(), e);
    }
    JsonNode t = tc.path("chat_template");
    if (t.isArray()) {
      JsonNode named = null;
      for (JsonNode n : t) {
        if ("default".equals(n.path("name").asText())) {
          named = n.path("template");
        }
      }
      t = named == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : named;
    }
    if (!t.isTextual() || t.asText().isBlank()) {
      throw new ModelFormatException(source + ": has no chat_template (a string, or a list with"
          + " one named \"default\")");
    }
    return new ChatTemplate(t.asText(), tokenText(tc.path("bos_token")),
        tokenText(tc.path("eos_token")), source);
  }

  /** The text of a prompt: {@code c}'s turns, then the template's cue for the assistant. */
  public String prompt(Conversation c) {
    String text = render(c, true);
    return !bosToken.isEmpty() && text.startsWith(bosToken) ? text.substring(bosToken.length())
        : text;
  }

  /** {@code c} rendered; {@code addGenerationPrompt} ends it with the assistant's cue. */
  public String render(Conversation c, boolean addGenerationPrompt) {
    Map<String, Object> bindings = new LinkedHashMap<>();
    List<Map<String, Object>> messages = new ArrayList<>();
    for (ChatMessage m : c.messages()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("role", m.role());
      o.put("content", m.content());
      messages.add(o);
    }
    bindings.put("messages", messages);
    bindings.put("add_generation_prompt", addGenerationPrompt);
    bindings.put("bos_token", bosToken);
    bindings.put("eos_token", eosToken);
    RenderResult r = engine().renderForResult(template, bindings);
    for (TemplateError e : r.getErrors()) {
      if (e.getSeverity() == TemplateError.ErrorType.FATAL) {
        throw new BadRecordException(source + " chat_template, line " + e.getLineno() + ": "
            + message(e));
      }
    }
    return r.getOutput();
  }

  /** Called by templates as {@code raise_exception(message)}. */
  public static String raise(String message) {
    throw new TemplateRaised(message);
  }

  private static String message(TemplateError e) {
    for (Throwable t = e.getException(); t != null; t = t.getCause()) {
      if (t instanceof TemplateRaised) {
        return "the template refused the conversation: " + t.getMessage();
      }
    }
    return e.getMessage();
  }

  private Jinjava engine() {
    if (engine == null) {
      Jinjava j = new Jinjava(JinjavaConfig.newBuilder()
          .withTrimBlocks(true)
          .withLstripBlocks(true)
          .withFailOnUnknownTokens(false)
          .withLegacyOverrides(LegacyOverrides.newBuilder()
              .withUseNaturalOperatorPrecedence(true)
              .withParseWhitespaceControlStrictly(true)
              .build())
          .build());
      j.getGlobalContext().registerFunction(new ELFunctionDefinition("", "raise_exception",
          ChatTemplate.class, "raise", String.class));
      engine = j;
    }
    return engine;
  }

  private static String tokenText(JsonNode t) {
    if (t.isTextual()) {
      return t.asText();
    }
    return t.path("content").asText("");
  }

  /** The message of a template's {@code raise_exception}. */
  private static final class TemplateRaised extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TemplateRaised(String message) {
      super(message);
    }
  }
}
