package io.tether.rollout;

import io.tether.core.arrow.Prompt;
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
 * Reads prompts from JSONL on any Hadoop path: {@code {"prompt": "..."}}, or the HH-RLHF layout
 * where the prompt is the {@code chosen} transcript up to and including its last {@code
 * \n\nAssistant:}. A prompt's id is its record number (0-based, over non-blank lines of the files
 * in name order, bad records included), so ids survive re-reading the same input and do not
 * shift when a bad line is skipped. Tokens are BOS + the text; a prompt longer than {@code
 * maxPromptTokens} is cut from the left (BOS kept) or rejected, as configured.
 */
public final class PromptSource {
  static final String ASSISTANT = "\n\nAssistant:";

  private final Configuration conf;
  private final Tokenizer tok;
  private final BadLinePolicy badLines;
  private final PromptOverflow overflow;
  private final int maxPromptTokens;

  public PromptSource(Configuration conf, Tokenizer tok, BadLinePolicy badLines,
      PromptOverflow overflow, int maxPromptTokens) {
    if (maxPromptTokens < 2) {
      throw new IllegalArgumentException("no room for a prompt: context_length - max_new_tokens = "
          + maxPromptTokens);
    }
    this.conf = conf;
    this.tok = tok;
    this.badLines = badLines;
    this.overflow = overflow;
    this.maxPromptTokens = maxPromptTokens;
  }

  /** Reads {@code uri} in {@code format} (AUTO: HH-RLHF when a record has "chosen"). */
  public PromptSet read(String uri, PromptFormat format) {
    if (format == PromptFormat.PARQUET) {
      throw new DataFormatException(uri + ": data.prompt_format parquet is read by the Spark"
          + " loader (PromptSets.readParquet)");
    }
    JsonlReader.Result<Numbered> r = new JsonlReader(conf, badLines).readIndexed(uri, (o, id) -> {
      boolean hh = format == PromptFormat.HH_RLHF || (format != PromptFormat.JSONL
          && !o.has("prompt") && o.has("chosen"));
      String text = hh ? hhPrompt(JsonlReader.requireText(o, "chosen"))
          : JsonlReader.requireText(o, "prompt");
      if (text.isBlank()) {
        throw new BadRecordException("empty prompt");
      }
      return new Numbered(id, text);
    });
    return tokenize(r);
  }

  /** Prompts from texts already in memory (ids 0..n-1). */
  public PromptSet fromTexts(List<String> texts) {
    List<Numbered> n = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      n.add(new Numbered(i, texts.get(i)));
    }
    return tokenize(new JsonlReader.Result<>(n, n.size(), 0, List.of()));
  }

  static String hhPrompt(String chosen) {
    int at = chosen.lastIndexOf(ASSISTANT);
    if (at < 0) {
      throw new BadRecordException("\"chosen\" has no \"\\n\\nAssistant:\" turn");
    }
    return chosen.substring(0, at + ASSISTANT.length());
  }

  private PromptSet tokenize(JsonlReader.Result<Numbered> r) {
    List<Prompt> prompts = new ArrayList<>();
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
    }
    return new PromptSet(prompts, r.lines(), r.skipped(), truncated, rejected, r.firstErrors());
  }

  private record Numbered(long id, String text) {}
}
