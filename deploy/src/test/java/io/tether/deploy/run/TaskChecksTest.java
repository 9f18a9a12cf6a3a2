package io.tether.deploy.run;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.config.ConfigException;
import io.tether.core.config.ConfigLoader;
import io.tether.core.config.TaskKind;
import io.tether.core.config.TetherConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which task a config resolves to, and the key combinations a run refuses before any work. */
class TaskChecksTest {
  private static TetherConfig config(String... set) {
    return ConfigLoader.parse("", "test.yaml", List.of(set));
  }

  private static ConfigException refused(String... set) {
    return assertThrows(ConfigException.class, () -> TaskChecks.check(config(set)));
  }

  @Test
  void autoIsTheFilesTaskExactlyWhenPromptsAreSet() {
    assertEquals(TaskKind.DEFAULT, config().data().resolvedTask());
    assertEquals(TaskKind.FILES, config("data.prompts=p.jsonl").data().resolvedTask());
    assertEquals(TaskKind.DEFAULT,
        config("data.prompts=p.jsonl", "data.task=default").data().resolvedTask());
  }

  @Test
  void eachMissingPieceOfAFilesTaskIsNamedByItsKey() {
    assertEquals("data.prompts", refused("data.task=files").key());
    assertEquals("data.sft", refused("data.prompts=p.jsonl").key());
    ConfigException prefs = refused("data.prompts=p.jsonl", "data.sft=s.jsonl");
    assertEquals("data.preferences", prefs.key());
    assertTrue(prefs.getMessage().contains("reward.checkpoint, reward.mode: remote, or reward.mode: rule"),
        prefs.getMessage());
    assertEquals("sft.steps", refused("sft.steps=0").key());
    ConfigException labeller = refused("data.prompts=p.jsonl", "data.preferences=x.jsonl",
        "reward.refresh_every=5");
    assertEquals("reward.labeller", labeller.key());
    assertTrue(labeller.getMessage().contains("only the default task has a simulated annotator"
        + " (this run's task is files); set reward.labeller: external"), labeller.getMessage());
  }

  @Test
  void whatEachPieceCanBeReplacedByIsAccepted() {
    for (String[] ok : new String[][] {
        {},
        {"data.prompts=p.jsonl", "data.preferences=x.jsonl"},
        {"data.prompts=p.jsonl", "data.preferences=x.jsonl", "reward.refresh_every=5",
            "reward.labeller=external"},
        {"reward.refresh_every=5"},
        {"data.prompts=p.jsonl", "data.sft=s.jsonl", "reward.checkpoint=/rm"},
        {"data.prompts=p.jsonl", "data.sft=s.jsonl", "reward.mode=remote"},
        {"data.prompts=p.jsonl", "sft.steps=0", "model.checkpoint=/run", "reward.mode=remote"}}) {
      assertDoesNotThrow(() -> TaskChecks.check(config(ok)), String.join(" ", ok));
    }
  }
}
