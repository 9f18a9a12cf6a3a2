package io.tether.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.checkpoint.CheckpointStore;
import io.tether.core.checkpoint.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SetupCommandsTest {
  @org.junit.jupiter.api.BeforeAll
  static void defaultTaskData() {
    io.tether.core.data.DefaultTaskData.ensure();
  }

  @TempDir Path dir;

  private String[] args(String command, Path runDir, Path prefs) {
    List<String> a = new ArrayList<>(List.of(command, "--run-dir", runDir.toString()));
    for (String s : List.of("model.preset=tiny", "model.context_length=64", "sft.steps=20",
        "sft.seq_len=64", "sft.batch_size=4", "reward.train.steps=10", "reward.train.pairs=16",
        "rollout.max_new_tokens=8", "spark.master=local[2]", "spark.conf.spark.ui.enabled=false",
        "data.preferences=" + prefs)) {
      a.add("--set");
      a.add(s);
    }
    return a.toArray(new String[0]);
  }

  @Test
  void sftAloneThenTrainRewardContinuesTheSameRun() throws Exception {
    Path prefs = dir.resolve("p.jsonl");
    Files.writeString(prefs, "{\"chosen\": \"good\", \"rejected\": \"bad\"}\n".repeat(10));
    Path run = dir.resolve("run");
    assertEquals(0, Tether.execute(args("sft", run, prefs)));
    CheckpointStore store = new CheckpointStore(new Configuration(), run.toString());
    assertEquals(List.of(0L), store.versions(Role.REFERENCE));
    assertTrue(store.versions(Role.REWARD).isEmpty());
    String sftParams = store.open(Role.REFERENCE, 0).sha256("model.params");
    assertEquals(0, Tether.execute(args("train-reward", run, prefs)));
    assertEquals(List.of(0L), store.versions(Role.REWARD));
    assertEquals(sftParams, store.open(Role.REFERENCE, 0).sha256("model.params"),
        "train-reward reuses the run's SFT policy");
    assertTrue(Files.isRegularFile(run.resolve("setup.json")));
  }
}
