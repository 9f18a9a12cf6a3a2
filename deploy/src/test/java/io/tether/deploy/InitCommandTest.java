package io.tether.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.config.ConfigLoader;
import io.tether.core.config.TaskKind;
import io.tether.core.config.TetherConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code tether init}: the written config loads to the defaults (or the files task), and every key
 * sits under its comment from the operator guide, word for word.
 */
class InitCommandTest {
  @TempDir Path dir;

  private static int init(String... args) {
    CommandLine cmd = new CommandLine(new Tether()).setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(new ErrorHandler());
    cmd.setOut(new java.io.PrintWriter(new ByteArrayOutputStream(), true));
    cmd.setErr(new java.io.PrintWriter(new PrintStream(new ByteArrayOutputStream()), true));
    return cmd.execute(args);
  }

  @Test
  void theDefaultTasksConfigLoadsToTheDefaults() throws Exception {
    Path f = dir.resolve("default.yaml");
    assertEquals(0, init("init", "--task", "default", f.toString()));
    TetherConfig c = ConfigLoader.load(f, List.of());
    assertEquals(TetherConfig.defaults(), c);
  }

  @Test
  void theFilesTaskNamesTheUsersFilesAndEveryKeyHasTheGuidesWords() throws Exception {
    Path f = dir.resolve("own.yaml");
    assertEquals(0, init("init", f.toString()));
    TetherConfig c = ConfigLoader.load(f, List.of());
    assertEquals(TaskKind.FILES, c.data().resolvedTask());
    assertEquals(List.of("prompts.jsonl", "sft.jsonl", "eval_prompts.jsonl", "preferences.jsonl"),
        List.of(c.data().prompts(), c.data().sft(), c.data().evalPrompts(),
            c.data().preferences()));
    String text = Files.readString(f, StandardCharsets.UTF_8);
    String flat = text.replaceAll("\n *# ", " ");
    Map<String, ConfigGuide.Row> guide =
        ConfigGuide.rows(Files.readAllLines(ManifestsTest.deployDir().resolve("README.md")));
    assertTrue(guide.size() > 80, "rows: " + guide.size());
    for (ConfigGuide.Row r : guide.values()) {
      String leaf = r.key().substring(r.key().lastIndexOf('.') + 1);
      assertTrue(flat.contains(r.meaning() + " [" + r.unit() + "]\n" + " ".repeat(
          2 * (int) r.key().chars().filter(ch -> ch == '.').count()) + leaf + ":"),
          r.key() + " is not under its comment");
    }
    Files.writeString(f, "mine");
    assertEquals(2, init("init", f.toString()), "an existing file is an error");
    assertEquals("mine", Files.readString(f), "and is left as it was");
  }
}
