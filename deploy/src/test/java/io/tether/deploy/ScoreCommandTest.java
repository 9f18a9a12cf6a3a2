package io.tether.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.core.checkpoint.CheckpointStore;
import io.tether.core.checkpoint.CheckpointWriter;
import io.tether.core.checkpoint.Role;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelPreset;
import io.tether.core.model.ModelSpec;
import io.tether.core.tokenizer.ByteTokenizer;
import io.tether.reward.RewardModel;
import io.tether.reward.RewardTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreCommandTest {
  @TempDir Path dir;

  @Test
  void scoresEachLineWithTheCheckpointsModel() throws Exception {
    ByteTokenizer tok = new ByteTokenizer();
    float[] expected;
    try (RewardModel rm = new RewardModel(GptModel.create(
        ModelSpec.of(ModelPreset.TINY, tok.vocabSize(), HeadKind.REWARD), 9), tok.pad())) {
      RewardTrainer t = new RewardTrainer(rm, tok);
      expected = rm.scores(List.of(t.tokens("a fine day"), t.tokens("Q: hi A: bye")), 8);
      try (CheckpointWriter w = new CheckpointStore(new Configuration(), dir.toString())
          .begin(Role.REWARD, 0)) {
        rm.write(w);
        w.commit();
      }
    }
    Path in = dir.resolve("in.jsonl");
    Files.writeString(in, "{\"text\": \"a fine day\", \"id\": 1}\n"
        + "{\"prompt\": \"Q: hi \", \"response\": \"A: bye\"}\n");
    Path out = dir.resolve("out.jsonl");
    assertEquals(0, Tether.execute("score", "--reward-model", dir.toString(), "--input",
        in.toString(), "--output", out.toString()));
    List<String> lines = Files.readAllLines(out);
    assertEquals(2, lines.size());
    ObjectMapper json = new ObjectMapper();
    JsonNode first = json.readTree(lines.get(0));
    assertEquals(1, first.get("id").asInt());
    assertEquals(expected[0], first.get("score").floatValue(), 1e-6);
    assertEquals(expected[1], json.readTree(lines.get(1)).get("score").floatValue(), 1e-6);

    Files.writeString(in, "{\"prompt\": \"only a prompt\"}\n");
    assertEquals(2, Tether.execute("score", "--reward-model", dir.toString(), "--input",
        in.toString(), "--output", out.toString()));
    assertTrue(Files.readAllLines(out).size() == 2, "a failed run leaves the old output whole");
  }
}
