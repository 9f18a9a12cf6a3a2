package io.tether.deploy.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tether.core.arrow.ScoredRollout;
import io.tether.core.data.AtomicFiles;
import io.tether.core.tokenizer.Tokenizer;
import io.tether.learner.ScoredRolloutFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/**
 * {@code samples.jsonl} and {@code samples.md}: the SFT policy's (iteration 0's evaluation) and
 * the final policy's (the last evaluation's) continuations of the same evaluation prompts, side
 * by side with their RM scores and, in a task with one, gold scores: what a researcher reads
 * before any average.
 */
final class SampleReport {
  /** Pairs shown in samples.md (samples.jsonl has them all). */
  static final int SHOWN = 24;

  private static final ObjectMapper JSON = new ObjectMapper();

  private SampleReport() {}

  /** One prompt's pair of samples. */
  record Pair(long promptId, int sample, String prompt, ScoredRollout sft, String sftText,
      ScoredRollout last, String lastText) {}

  /**
   * Writes both files when the run has evaluation samples of iteration 0 and of {@code last}
   * (a later iteration); returns whether it did.
   */
  static boolean write(RunContext ctx, long last) {
    Path first = ctx.layout().evalRollouts(0);
    Path end = ctx.layout().evalRollouts(last);
    if (last <= 0 || !Files.isRegularFile(first) || !Files.isRegularFile(end)) {
      return false;
    }
    List<Pair> pairs;
    try (BufferAllocator a = ctx.memory().stage("samples")) {
      pairs = pairs(read(ctx, first, a), read(ctx, end, a), ctx.tokenizer());
    }
    StringBuilder jsonl = new StringBuilder();
    pairs.forEach(p -> jsonl.append(json(p, last)).append('\n'));
    AtomicFiles.writeString(ctx.layout().dir().resolve("samples.jsonl"), jsonl);
    AtomicFiles.writeString(ctx.layout().dir().resolve("samples.md"), markdown(pairs, last));
    return true;
  }

  private static List<ScoredRollout> read(RunContext ctx, Path file, BufferAllocator a) {
    return ScoredRolloutFiles.read(ctx.hadoop(), file.toUri().toString(), a);
  }

  /** Samples of the two evaluations matched by prompt and sample index, in prompt order. */
  static List<Pair> pairs(List<ScoredRollout> sft, List<ScoredRollout> last, Tokenizer tok) {
    Map<String, ScoredRollout> byKey = new HashMap<>();
    for (ScoredRollout r : sft) {
      byKey.put(r.rollout().promptId() + "/" + r.rollout().sampleIndex(), r);
    }
    return last.stream()
        .filter(r -> byKey.containsKey(r.rollout().promptId() + "/" + r.rollout().sampleIndex()))
        .map(r -> {
          ScoredRollout s = byKey.get(r.rollout().promptId() + "/" + r.rollout().sampleIndex());
          return new Pair(r.rollout().promptId(), r.rollout().sampleIndex(),
              tok.decode(r.rollout().promptTokens()), s, tok.decode(s.rollout().responseTokens()),
              r, tok.decode(r.rollout().responseTokens()));
        }).toList();
  }

  private static ObjectNode json(Pair p, long last) {
    ObjectNode n = JSON.createObjectNode();
    n.put("prompt_id", p.promptId()).put("sample", p.sample()).put("prompt", p.prompt());
    n.set("sft", side(p.sftText(), p.sft(), 0));
    n.set("final", side(p.lastText(), p.last(), last));
    return n;
  }

  private static ObjectNode side(String text, ScoredRollout r, long iteration) {
    ObjectNode n = JSON.createObjectNode();
    n.put("iteration", iteration).put("response", text).put("score", r.score());
    if (r.hasGoldScore()) {
      n.put("gold_score", r.goldScore());
    }
    return n.put("finished", r.rollout().finished());
  }

  static String markdown(List<Pair> pairs, long last) {
    StringBuilder md = new StringBuilder("# Samples on evaluation prompts: SFT policy (iteration"
        + " 0) and final policy (iteration " + last + ")\n\n");
    md.append("Same prompts, same sample slots; score").append(pairs.stream()
        .anyMatch(p -> p.sft().hasGoldScore()) ? " / gold score" : "")
        .append(" after each response. All pairs: samples.jsonl.\n\n");
    for (Pair p : pairs.subList(0, Math.min(SHOWN, pairs.size()))) {
      md.append("## ").append(oneLine(p.prompt())).append("\n\n")
          .append("- SFT: ").append(oneLine(p.sftText())).append(" — ").append(scores(p.sft()))
          .append("\n- final: ").append(oneLine(p.lastText())).append(" — ")
          .append(scores(p.last())).append("\n\n");
    }
    return md.toString();
  }

  private static String scores(ScoredRollout r) {
    String s = String.format(Locale.ROOT, "%.3f", r.score());
    return r.hasGoldScore() ? s + String.format(Locale.ROOT, " / %.1f", r.goldScore()) : s;
  }

  /** Newlines shown as the two characters \n, so a multi-turn prompt stays on one line. */
  private static String oneLine(String s) {
    return "`" + s.replace("\n", "\\n").replace("`", "'") + "`";
  }
}
