package io.tether.reward;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tether.core.config.BadLinePolicy;
import io.tether.core.data.AtomicFiles;
import io.tether.core.data.BadRecordException;
import io.tether.core.data.JsonlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * Scores arbitrary text with a reward model: input lines {@code {"text": ...}} or {@code
 * {"prompt": ..., "response": ...}}; each output line is the input object plus {@code "score"}
 * (normalised as the checkpoint says).
 */
public final class TextScoring {

  /** What was scored. */
  public record Result(int lines, double meanScore) {}

  private TextScoring() {}

  /** Scores the lines of {@code input}, read through {@code conf}, into {@code output}. */
  public static Result run(RewardModel rm, RewardTrainer tokens, Configuration conf, String input,
      Path output, int batchSize) {
    JsonlReader.Result<Line> in = new JsonlReader(conf, BadLinePolicy.FAIL)
        .read(input, o -> {
          if (!o.has("text") && !(o.has("prompt") && o.has("response"))) {
            throw new BadRecordException("expected \"text\", or \"prompt\" and \"response\"");
          }
          return new Line((ObjectNode) o, text(o));
        });
    List<int[]> seqs = new ArrayList<>();
    for (Line l : in.records()) {
      seqs.add(tokens.tokens(l.text()));
    }
    float[] scores = rm.scores(seqs, batchSize);
    StringBuilder out = new StringBuilder();
    double sum = 0;
    for (int i = 0; i < scores.length; i++) {
      ObjectNode o = in.records().get(i).object().deepCopy();
      o.put("score", scores[i]);
      out.append(o).append('\n');
      sum += scores[i];
    }
    AtomicFiles.writeString(output, out);
    return new Result(scores.length, scores.length == 0 ? Double.NaN : sum / scores.length);
  }

  private record Line(ObjectNode object, String text) {}

  private static String text(JsonNode o) {
    return o.has("text") ? JsonlReader.requireText(o, "text")
        : JsonlReader.requireText(o, "prompt") + JsonlReader.requireText(o, "response");
  }

}
