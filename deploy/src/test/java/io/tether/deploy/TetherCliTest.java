package io.tether.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TetherCliTest {

  private static String run(int expectedExit, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Tether())
        .setExecutionExceptionHandler(new ErrorHandler());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    assertEquals(expectedExit, exit, out + "\n" + err);
    return out + err.toString();
  }

  @Test
  void helpListsTheCommandsAndEachShowsItsDefaults() {
    String top = run(0, "--help");
    assertTrue(top.contains("train-check") && top.contains("roofline"), top);
    String check = run(0, "train-check", "--help");
    assertTrue(check.contains("--steps=<steps>") && check.contains("Default: 300"), check);
    assertTrue(check.contains("Default: TINY") || check.contains("Default: tiny"), check);
    String serve = run(0, "serve-reward", "--help");
    assertTrue(serve.contains("--host=<host>") && serve.contains("Default: 127.0.0.1"), serve);
    String doctor = run(0, "doctor", "--help");
    assertTrue(doctor.contains("Default: local[1]"), doctor);
  }

  @Test
  void everyCommandThatLoadsAConfigTakesSetFromTheOneMixinNamingItself() {
    for (String command : List.of("run", "resume", "quickstart", "sft", "train-reward")) {
      String help = run(0, command, "--help");
      assertTrue(help.contains("--set=KEY=VALUE"), help);
      assertTrue(help.replaceAll("\\s+", " ").contains(
          "Override a key of the config `tether " + command + "` runs with"), help);
    }
  }

  @Test
  void importLabelsNamesTheRunWithoutARoundWaitingAndTheBadLinesOfALabelsFile(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    String msg = run(2, "import-labels", "--run", dir.toString(), "labels.jsonl");
    assertTrue(msg.startsWith("tether import-labels: error: " + dir + ": no reward-model"
        + " refresh round waits for labels (rounds with pairs: [])"), msg);
    java.nio.file.Path round = dir.resolve("labels/round-002");
    io.tether.reward.labels.ComparisonFiles.write(round.resolve("pairs.jsonl"), List.of(
        new io.tether.reward.labels.Comparison("r002-0000", "p ", "x", "y", 4)));
    java.nio.file.Path labels = dir.resolve("labels.jsonl");
    java.nio.file.Files.writeString(labels, "{\"pair_id\": \"r002-0000\", \"choice\": \"c\"}\n");
    msg = run(2, "import-labels", "--run", dir.toString(), labels.toString());
    assertTrue(msg.startsWith("tether import-labels: error: " + labels + " line 1: \"choice\""
        + " must be \"a\", \"b\" or \"tie\", got \"c\""), msg);
    java.nio.file.Files.writeString(labels, "{\"pair_id\": \"r002-0000\", \"choice\": \"b\"}\n");
    msg = run(0, "import-labels", "--run", dir.toString(), labels.toString());
    assertTrue(java.nio.file.Files.exists(round.resolve("labels.jsonl")), msg);
  }

  @Test
  void aBadOptionValueIsOneClearLine() {
    String msg = run(2, "train-check", "--steps", "many");
    assertTrue(msg.contains("Invalid value for option '--steps': 'many' is not an int"), msg);
  }

  @Test
  void aFailureInsideACommandIsReportedWithoutAStackTrace() {
    String msg = run(2, "train-check", "--seq-len", "100000");
    assertTrue(msg.startsWith("tether train-check: error: seqLen 100000 exceeds the context"), msg);
    assertTrue(!msg.contains("\tat "), msg);
  }

  @Test
  void keysARunCannotActOnStopItBeforeAnyWorkWithWhatToDoInstead(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path cfg = dir.resolve("run.yaml");
    java.nio.file.Files.writeString(cfg, "model:\n  preset: tiny\n");
    String[][] cases = {
        {"run.checkpoint_every=2", "run.checkpoint_every must be 1, got 2"},
        {"reward.tls_key=k.pem", "pass --tls-key to tether serve-reward"},
        {"sft.steps=0", "sft.steps is 0 but model.checkpoint is empty"},
        {"data.task=files", "data.task is files but data.prompts is empty"},
        {"data.prompts=p.jsonl", "the files task has no text to fine-tune on"}};
    for (String[] c : cases) {
      java.nio.file.Path runDir = dir.resolve("r" + c[0].length());
      String msg = run(2, "run", "--config", cfg.toString(), "--run-dir", runDir.toString(),
          "--set", c[0]);
      assertTrue(msg.contains(c[1]), msg);
      assertTrue(!java.nio.file.Files.exists(runDir), "nothing was written for " + c[0]);
    }
  }

  @Test
  void theJvmFlagsComeFromTheParentPom() {
    List<String> flags = JvmOptions.flags();
    assertTrue(flags.contains("--add-opens=java.base/java.nio=ALL-UNNAMED"), flags.toString());
    assertTrue(flags.contains("--add-opens=java.base/java.io=ALL-UNNAMED"), flags.toString());
    assertTrue(flags.contains("-Dai.djl.offline=true"), flags.toString());
    assertTrue(flags.stream().noneMatch(f -> f.contains("${")), "unfiltered: " + flags);
  }
}
