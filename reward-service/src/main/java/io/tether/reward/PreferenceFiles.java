package io.tether.reward;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tether.core.chat.ChatFormat;
import io.tether.core.config.BadLinePolicy;
import io.tether.core.data.AtomicFiles;
import io.tether.core.data.BadRecordException;
import io.tether.core.data.JsonlReader;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * Preference pairs in the HH-RLHF JSONL layout: {@code {"chosen": "...", "rejected": "..."}} with
 * the prompt inside both texts, or {@code {"prompt": "...", "chosen": "...", "rejected": "..."}}
 * with the prompt separate (it is then prepended to both). Read from any Hadoop path. With a chat
 * template ({@link ChatFormat#templated()}) each side is the templated prompt followed by its
 * answer: the transcript's turns, or a plain {@code prompt} as one user turn.
 */
public final class PreferenceFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PreferenceFiles() {}

  /** Reads pairs; a bad line (missing field, chosen == rejected) per {@code policy}. */
  public static JsonlReader.Result<PreferencePair> read(Configuration conf, String uri,
      BadLinePolicy policy) {
    return read(conf, uri, policy, ChatFormat.PLAIN);
  }

  /** As {@link #read(Configuration, String, BadLinePolicy)}, written in {@code chat}. */
  public static JsonlReader.Result<PreferencePair> read(Configuration conf, String uri,
      BadLinePolicy policy, ChatFormat chat) {
    return new JsonlReader(conf, policy).read(uri, o -> {
      String prompt = o.has("prompt") ? JsonlReader.requireText(o, "prompt") : "";
      String chosen = side(chat, prompt, JsonlReader.requireText(o, "chosen"));
      String rejected = side(chat, prompt, JsonlReader.requireText(o, "rejected"));
      if (chosen.equals(rejected)) {
        throw new BadRecordException("\"chosen\" and \"rejected\" are the same text");
      }
      return new PreferencePair(chosen, rejected);
    });
  }

  private static String side(ChatFormat chat, String prompt, String answer) {
    if (!chat.templated()) {
      return prompt + answer;
    }
    if (!prompt.isEmpty() && !prompt.contains("\n\nHuman:")) {
      return chat.userPrompt(prompt) + answer.strip();
    }
    return chat.hhExchange(prompt + answer);
  }

  /** Writes pairs in the two-field layout, atomically (temp file, then move). */
  public static void write(Path file, List<PreferencePair> pairs) {
    StringBuilder out = new StringBuilder();
    for (PreferencePair p : pairs) {
      ObjectNode n = JSON.createObjectNode();
      n.put("chosen", p.chosen());
      n.put("rejected", p.rejected());
      out.append(n).append('\n');
    }
    AtomicFiles.writeString(file, out);
  }
}
