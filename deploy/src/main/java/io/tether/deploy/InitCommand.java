package io.tether.deploy;

import io.tether.core.config.ConfigLoader;
import io.tether.core.config.DataConfig;
import io.tether.core.config.TaskKind;
import io.tether.core.config.TetherConfig;
import io.tether.core.data.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tether init [--task default|files] FILE}: a run config with every key at its default
 * (the files task: placeholders for the user's files), each key under a comment with its unit
 * and meaning from the operator guide's tables.
 */
@Command(name = "init", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Write a commented run config to edit: every key with its default and what it"
        + " does (from the operator guide). Then: tether run --config FILE.")
final class InitCommand implements Callable<Integer> {
  private static final int WIDTH = 100;

  @Spec CommandSpec spec;

  @Option(names = "--task", description = "default: the built-in sentiment task; files: your own"
      + " prompts, SFT texts and preferences (edit the data.* paths). ${COMPLETION-CANDIDATES}")
  Task task = Task.FILES;

  @Option(names = "--force", description = "Overwrite FILE if it exists.")
  boolean force;

  @Parameters(index = "0", paramLabel = "FILE", description = "Where to write the config.")
  Path file;

  /** The task a config is written for. */
  enum Task {
    /** The built-in sentiment task. */
    DEFAULT,
    /** The user's own files. */
    FILES
  }

  @Override
  public Integer call() {
    if (Files.exists(file) && !force) {
      throw new IllegalArgumentException(file + " exists; pass --force to overwrite it");
    }
    AtomicFiles.writeString(file, text(task));
    spec.commandLine().getOut().println("tether: wrote " + file + "; edit it, then run:"
        + " deploy/bin/tether run --config " + file);
    spec.commandLine().getOut().flush();
    return 0;
  }

  /** The commented config of {@code task}. */
  static String text(Task task) {
    TetherConfig c = task == Task.FILES ? filesTask() : TetherConfig.defaults();
    Map<String, ConfigGuide.Row> guide = ConfigGuide.bundled();
    StringBuilder out = new StringBuilder();
    out.append("# Tether run config (tether init --task ")
        .append(task.name().toLowerCase(java.util.Locale.ROOT))
        .append("). Every key is shown with its default\n")
        .append("# and a line on what it does (deploy/README.md, section 2); delete what you do\n")
        .append("# not change. Run: deploy/bin/tether run --config <this file> [--set key=value]\n");
    if (task == Task.FILES) {
      out.append("# Your own task: point the data.* paths (local paths or Hadoop URIs) at your"
          + " files.\n");
    }
    List<String> path = new ArrayList<>();
    for (String line : ConfigLoader.toYaml(c).split("\n")) {
      int depth = (line.length() - line.stripLeading().length()) / 2;
      String key = line.strip().substring(0, line.strip().indexOf(':'));
      while (path.size() > depth) {
        path.remove(path.size() - 1);
      }
      path.add(key);
      ConfigGuide.Row row = guide.get(String.join(".", path));
      if (depth == 0) {
        out.append('\n');
      }
      if (row != null) {
        comment(out, " ".repeat(2 * depth), row.meaning() + " [" + row.unit() + "]");
      }
      out.append(line).append('\n');
    }
    return out.toString();
  }

  private static TetherConfig filesTask() {
    TetherConfig d = TetherConfig.defaults();
    DataConfig x = d.data();
    DataConfig data = new DataConfig(x.cacheDir(), TaskKind.FILES, "prompts.jsonl",
        x.promptFormat(), x.chatTemplate(), "sft.jsonl", "eval_prompts.jsonl", "preferences.jsonl", x.badLines(),
        x.promptOverflow(), x.heldoutFraction(), x.referenceField());
    return new TetherConfig(d.run(), data, d.model(), d.sft(), d.rollout(), d.reward(),
        d.learner(), d.eval(), d.spark());
  }

  /** {@code text} as comment lines of at most {@link #WIDTH} characters, broken at spaces. */
  private static void comment(StringBuilder out, String indent, String text) {
    StringBuilder line = new StringBuilder(indent).append('#');
    for (String word : text.split(" ")) {
      if (line.length() + 1 + word.length() > WIDTH && line.length() > indent.length() + 1) {
        out.append(line).append('\n');
        line = new StringBuilder(indent).append('#');
      }
      line.append(' ').append(word);
    }
    out.append(line).append('\n');
  }
}
