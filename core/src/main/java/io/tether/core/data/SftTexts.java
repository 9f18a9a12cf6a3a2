package io.tether.core.data;

import io.tether.core.config.BadLinePolicy;
import org.apache.hadoop.conf.Configuration;

/**
 * SFT texts in JSONL on any Hadoop path: {@code {"text": "..."}}, or HH-RLHF records whose
 * {@code chosen} transcript is the text. A record with neither, or with an empty text, is a bad
 * line (an error naming file and line, or skipped and counted, per {@code data.bad_lines}).
 */
public final class SftTexts {
  private SftTexts() {}

  /** Reads every text under {@code uri}. */
  public static JsonlReader.Result<String> read(Configuration conf, String uri,
      BadLinePolicy policy) {
    return new JsonlReader(conf, policy).read(uri, o -> {
      String text;
      if (o.has("text")) {
        text = JsonlReader.requireText(o, "text");
      } else if (o.has("chosen")) {
        text = JsonlReader.requireText(o, "chosen");
      } else {
        throw new BadRecordException("no \"text\" field (nor an HH-RLHF \"chosen\")");
      }
      if (text.isBlank()) {
        throw new BadRecordException("empty text");
      }
      return text;
    });
  }
}
