package io.tether.rollout;

import io.tether.core.arrow.Prompt;
import io.tether.core.chat.ChatFormat;
import io.tether.core.chat.Conversation;
import io.tether.core.config.BadLinePolicy;
import io.tether.core.config.PromptFormat;
import io.tether.core.config.PromptOverflow;
import io.tether.core.data.BadRecordException;
import io.tether.core.data.DataFormatException;
import io.tether.core.data.JsonlReader;
import io.tether.core.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads prompts from JSONL on any Hadoop path: {@code {"prompt": "..."}}, a conversation ({@code
 * {"messages": [{"role": ..., "content": ...}, ...]}} or such a list as {@code "prompt"}; a final
 * assistant turn is dropped), or the HH-RLHF layout where the prompt is the {@code chosen}
 * transcript up to and including its last {@code \n\nAssistant:}. The run's {@link ChatFormat}
 * writes each as text (with the model's chat template when {@code data.chat_template} is {@code
 * model}). A prompt's id is its record number (0-based, over non-blank lines of the files
 * in name order, bad records included), so ids survive re-reading the same input and do not
 * shift when a bad line is skipped. Tokens are BOS + the text; a prompt longer than {@code
 * maxPromptTokens} is cut from the left (BOS kept) or rejected, as configured. A JSONL record's
 * {@code referenceField} (a string or a number), when present, is the prompt's reference answer.
 */
public final class PromptSource {
  private final Configuration conf;
  private final Tokenizer tok;
  private final BadLinePolicy badLines;
  private final PromptOverflow overflow;
  private final int maxPromptTokens;
  private final ChatFormat chat;
  private final String referenceField;

  /** A source of plain-text prompts ({@link ChatFormat#PLAIN}). */
  public PromptSource(Configuration conf, Tokenizer tok, BadLinePolicy badLines,
      PromptOverflow overflow, int maxPromptTokens) {
    this(conf, tok, badLines, overflow, maxPromptTokens, ChatFormat.PLAIN);
  }

  /** A source reading reference answers from the field {@code answer}. */
  public PromptSource(Configuration conf, Tokenizer tok, BadLinePolicy badLines,
      PromptOverflow overflow, int maxPromptTokens, ChatFormat chat) {
    this(conf, tok, badLines, overflow, maxPromptTokens, chat, "answer");
  }

  public PromptSource(Configuration conf, Tokenizer tok, BadLinePolicy badLines,
      PromptOverflow overflow, int maxPromptTokens, ChatFormat chat, String referenceField) {
    if (maxPromptTokens < 2) {
      throw new IllegalArgumentException("no room for a prompt: context_length - max_new_tokens = "
          + maxPromptTokens);
    }
    this.conf = conf;
    this.tok = tok;
    this.badLines = badLines;
    this.overflow = overflow;
    this.maxPromptTokens = maxPromptTokens;
    this.chat = chat;
    this.referenceField = referenceField;
  }

  /** Reads {@code uri} in {@code format} (AUTO: HH-RLHF when a record has "chosen"). */
  public PromptSet read(String uri, PromptFormat format) {
    if (format == PromptFormat.PARQUET || (format == PromptFormat.AUTO
        && uri.endsWith(".parquet"))) {
      throw new DataFormatException(uri + ": Parquet prompts need Spark: use"
          + " PromptSource.readParquet(spark, uri)");
    }
    JsonlReader.Result<Numbered> r = new JsonlReader(conf, badLines).readIndexed(uri, (o, id) -> {
      boolean hh = format == PromptFormat.HH_RLHF || (format != PromptFormat.JSONL
          && !o.has("prompt") && !o.has("messages") && o.has("chosen"));
      return new Numbered(id, hh ? chat.hhPrompt(JsonlReader.requireText(o, "chosen"))
          : promptText(o), reference(o));
    });
    return tokenize(r);
  }

  /**
   * Prompts from Parquet (a file or a directory of part files) on any Hadoop path: the string
   * column {@code prompt} (and the reference answers from the column named like the reference
   * field, when there is one); ids are row numbers in file-name and row order. A null or blank prompt
   * is a bad record (skipped and counted, or an error naming its row, per {@code bad_lines}).
   */
  public PromptSet readParquet(org.apache.spark.sql.SparkSession spark, String uri) {
    org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> df;
    try {
      df = spark.read().parquet(uri);
    } catch (RuntimeException e) {
      throw new DataFormatException(uri + ": cannot read Parquet: " + e.getMessage(), e);
    }
    if (!java.util.Arrays.asList(df.columns()).contains("prompt")) {
      throw new DataFormatException(uri + ": no \"prompt\" column (columns: "
          + String.join(", ", df.columns()) + ")");
    }
    boolean refs = java.util.Arrays.asList(df.columns()).contains(referenceField);
    org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> ordered = df
        .withColumn("_file", org.apache.spark.sql.functions.input_file_name())
        .withColumn("_pos", org.apache.spark.sql.functions.monotonically_increasing_id())
        .orderBy("_file", "_pos");
    List<org.apache.spark.sql.Row> rows = (refs ? ordered.select("prompt", referenceField)
        : ordered.select("prompt")).collectAsList();
    List<Numbered> n = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    long skipped = 0;
    for (int i = 0; i < rows.size(); i++) {
      Object v = rows.get(i).get(0);
      if (v instanceof String t && !t.isBlank()) {
        Object ref = refs ? rows.get(i).get(1) : null;
        n.add(new Numbered(i, chat.userPrompt(t), ref == null ? null : ref.toString()));
        continue;
      }
      String message = uri + ": row " + i + ": empty or null prompt";
      if (badLines == BadLinePolicy.FAIL) {
        throw new DataFormatException(message + " (data.bad_lines: skip to skip such rows)");
      }
      skipped++;
      if (errors.size() < 10) {
        errors.add(message);
      }
    }
    return tokenize(new JsonlReader.Result<>(n, rows.size(), skipped, errors));
  }

  /** Prompts from texts already in memory (ids 0..n-1). */
  public PromptSet fromTexts(List<String> texts) {
    List<Numbered> n = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      n.add(new Numbered(i, texts.get(i), null));
    }
    return tokenize(new JsonlReader.Result<>(n, n.size(), 0, List.of()));
  }

  /** The record's reference answer: a string or number field, else null. */
  private String reference(com.fasterxml.jackson.databind.JsonNode o) {
    com.fasterxml.jackson.databind.JsonNode v = o.get(referenceField);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual() && !v.isNumber()) {
      throw new BadRecordException("field \"" + referenceField + "\" (the reference answer,"
          + " data.reference_field) must be a string or a number, got " + v.getNodeType());
    }
    return v.asText();
  }

  private String promptText(com.fasterxml.jackson.databind.JsonNode o) {
    if (o.has("messages")) {
      return chat.prompt(Conversation.fromJson(o.get("messages"), "messages"));
    }
    if (o.path("prompt").isArray()) {
      return chat.prompt(Conversation.fromJson(o.get("prompt"), "prompt"));
    }
    String text = JsonlReader.requireText(o, "prompt");
    if (text.isBlank()) {
      throw new BadRecordException("empty prompt");
    }
    return chat.userPrompt(text);
  }

  private PromptSet tokenize(JsonlReader.Result<Numbered> r) {
    List<Prompt> prompts = new ArrayList<>();
    List<String> references = new ArrayList<>();
    long truncated = 0;
    long rejected = 0;
    for (Numbered n : r.records()) {
      int[] body = tok.encode(n.text());
      if (body.length + 1 > maxPromptTokens) {
        if (overflow == PromptOverflow.REJECT) {
          rejected++;
          continue;
        }
        body = Arrays.copyOfRange(body, body.length - (maxPromptTokens - 1), body.length);
        truncated++;
      }
      int[] tokens = new int[body.length + 1];
      tokens[0] = tok.bos();
      System.arraycopy(body, 0, tokens, 1, body.length);
      prompts.add(new Prompt(n.id(), tokens));
      references.add(n.reference());
    }
    return new PromptSet(prompts, r.lines(), r.skipped(), truncated, rejected, r.firstErrors(),
        java.util.Collections.unmodifiableList(references));
  }

  private record Numbered(long id, String text, String reference) {}
}
