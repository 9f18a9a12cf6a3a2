package io.tether.core.data;

import io.tether.core.chat.ChatFormat;
import io.tether.core.chat.Conversation;
import io.tether.core.config.BadLinePolicy;
import org.apache.hadoop.conf.Configuration;

/**
 * SFT texts in JSONL on any Hadoop path: {@code {"text": "..."}}, or HH-RLHF records whose
 * {@code chosen} transcript is the text. A record with neither, or with an empty text, is a bad
 * line (an error naming file and line, or skipped and counted, per {@code data.bad_lines}). A
 * {@code messages} list is a conversation ending with the assistant's answer; conversations are
 * written in the run's {@link ChatFormat}.
 */
public final class SftTexts {
  private SftTexts() {}

  /** Reads every text under {@code uri}. */
  public static JsonlReader.Result<String> read(Configuration conf, String uri,
      BadLinePolicy policy) {
    return read(conf, uri, policy, ChatFormat.PLAIN);
  }

  /** As {@link #read(Configuration, String, BadLinePolicy)}, conversations written in {@code chat}. */
  public static JsonlReader.Result<String> read(Configuration conf, String uri,
      BadLinePolicy policy, ChatFormat chat) {
    return new JsonlReader(conf, policy).read(uri, o -> {
      String text;
      if (o.has("text")) {
        text = JsonlReader.requireText(o, "text");
      } else if (o.has("messages")) {
        text = chat.exchange(Conversation.fromJson(o.get("messages"), "messages"));
      } else if (o.has("chosen")) {
        text = chat.hhExchange(JsonlReader.requireText(o, "chosen"));
      } else {
        throw new BadRecordException("no \"text\" field (nor \"messages\", nor an HH-RLHF"
            + " \"chosen\")");
      }
      if (text.isBlank()) {
        throw new BadRecordException("empty text");
      }
      return text;
    });
  }
}
