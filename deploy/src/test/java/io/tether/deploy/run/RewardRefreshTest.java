package io.tether.deploy.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tether.core.arrow.ArrowIpc;
import io.tether.core.arrow.Rollout;
import io.tether.core.arrow.RolloutCodec;
import io.tether.core.arrow.ScoredRollout;
import io.tether.core.checkpoint.CheckpointStore;
import io.tether.core.checkpoint.Role;
import io.tether.core.config.TetherConfig;
import io.tether.core.metrics.MetricNames;
import io.tether.core.tokenizer.ByteTokenizer;
import io.tether.deploy.report.MetricsTable;
import io.tether.learner.ScoredRolloutFiles;
import io.tether.reward.RewardModel;
import io.tether.reward.RolloutScorer;
import io.tether.reward.labels.Choice;
import io.tether.reward.labels.Comparison;
import io.tether.reward.labels.ComparisonFiles;
import io.tether.reward.labels.LabelFileException;
import io.tether.reward.labels.LabelFiles;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Iterated online RLHF on the tiny preset: a refresh before iteration 2 labels pairs of the
 * current policy's samples, publishes reward version 1, and the iterations after it are scored by
 * it; a run stopped in any step of a refresh resumes to the undisturbed run's figures; people's
 * labels go out and come back through the files.
 */
class RewardRefreshTest {
  @BeforeAll
  static void defaultTaskData() {
    io.tether.core.data.DefaultTaskData.ensure();
  }

  @TempDir Path dir;

  /**
   * The simulated labeller leaves out gold ties, which are most pairs of the tiny policy's short
   * samples (few lexicon words): it gets more pairs than people are given here.
   */
  private TetherConfig config(String labeller) throws Exception {
    int pairs = labeller.equals("simulated") ? 48 : 12;
    return PipelineTest.tiny(4, PipelineTest.preferences(dir), "model.tokenizer=byte",
        "reward.refresh_every=2", "reward.refresh_pairs=" + pairs, "reward.refresh_steps=20",
        "reward.labeller=" + labeller, "eval.every=0", "data.heldout_fraction=0.25");
  }

  private static Pipeline.Outcome run(TetherConfig c, Path runDir) {
    return PipelineTest.run(c, runDir);
  }

  @Test
  void aRefreshPublishesANewRewardModelThatScoresTheIterationsAfterIt() throws Exception {
    TetherConfig c = config("simulated");
    Path full = dir.resolve("full");
    MetricsTable t = run(c, full).metrics();
    CheckpointStore store = new CheckpointStore(new Configuration(), full.toString());
    assertEquals(List.of(0L, 1L), store.versions(Role.REWARD));
    assertEquals(List.of(0.0, 0.0, 1.0, 1.0), column(t, MetricNames.REWARD_VERSION));
    Map<String, Double> refreshRow = t.rows().get(2);
    assertEquals(48.0, refreshRow.get(MetricNames.REFRESH_PAIRS));
    for (String k : List.of(MetricNames.REFRESH_ACCURACY_BEFORE,
        MetricNames.REFRESH_ACCURACY_AFTER)) {
      double v = refreshRow.get(k);
      assertTrue(v >= 0 && v <= 1, k + " " + v);
    }
    assertTrue(!t.rows().get(3).containsKey(MetricNames.REFRESH_PAIRS), "one refresh only");
    JsonNode refreshes = new ObjectMapper().readTree(full.resolve("summary.json").toFile())
        .get("refreshes");
    assertEquals(1, refreshes.size(), refreshes.toString());
    assertEquals(2, refreshes.get(0).get("iteration").asLong());
    assertEquals(1, refreshes.get(0).get("reward_version").asLong());
    assertEquals(48, refreshes.get(0).get("pairs").asInt());
    int decided = refreshes.get(0).get("decided_pairs").asInt();
    int heldout = refreshes.get(0).get("heldout_pairs").asInt();

    Path round = full.resolve("labels/round-001");
    List<Comparison> pairs = ComparisonFiles.read(round.resolve("pairs.jsonl"));
    assertEquals(48, pairs.size());
    assertTrue(pairs.stream().allMatch(p -> p.policyVersion() == 2), pairs.toString());
    Map<String, Choice> labels = LabelFiles.read(round.resolve("labels.jsonl"), pairs);
    assertEquals(48, labels.size());
    assertTrue(labels.containsValue(Choice.A) || labels.containsValue(Choice.B), "all ties");
    long notTies = labels.values().stream().filter(ch -> ch != Choice.TIE).count();
    assertEquals(notTies, decided, "decided_pairs");
    assertTrue(heldout >= 1 && heldout <= Math.ceil(0.25 * decided), "heldout_pairs " + heldout);

    // iteration 2's kept rollouts carry version 1's scores, which are not version 0's
    List<ScoredRollout> kept = kept(full, 2);
    List<Double> v1 = rescore(c, store, 1, kept);
    List<Double> v0 = rescore(c, store, 0, kept);
    for (int i = 0; i < kept.size(); i++) {
      assertEquals(kept.get(i).score(), v1.get(i), 1e-4, "row " + i);
    }
    double moved = 0;
    for (int i = 0; i < kept.size(); i++) {
      moved = Math.max(moved, Math.abs(v1.get(i) - v0.get(i)));
    }
    assertTrue(moved > 1e-3, "the refreshed model scores as the old one did: " + moved);
    // the round's samples are kept; on them the refreshed model's scores have the mean and std
    // the old model gave them (reward.refresh_scale: continue), though each score moved
    List<Rollout> samples = samples(round.resolve(RefreshPairs.SAMPLES));
    assertEquals(96, samples.size());
    List<int[]> seqs = RolloutScorer.scoredSequences(samples, new int[] {ByteTokenizer.EOS});
    double[] old0 = moments(store, 0, seqs);
    double[] new1 = moments(store, 1, seqs);
    assertEquals(old0[0], new1[0], 1e-4, "mean");
    assertEquals(old0[1], new1[1], 1e-4, "std");
    assertTrue(new1[2] > 1e-3, "the samples' scores did not move: " + new1[2]);
    // and iteration 1's rollouts were scored by version 0
    List<ScoredRollout> before = kept(full, 1);
    List<Double> old = rescore(c, store, 0, before);
    for (int i = 0; i < before.size(); i++) {
      assertEquals(before.get(i).score(), old.get(i), 1e-4, "iteration 1 row " + i);
    }

    // stopped while labelling (samples and pairs kept, no labels), after the labels were
    // written but before the model was published (a partial checkpoint left behind), and after
    // publishing but before iteration 2's row
    Path cut = dir.resolve("cut");
    run(PipelineTest.tiny(2, PipelineTest.preferences(dir), "model.tokenizer=byte",
        "reward.refresh_every=2", "reward.refresh_pairs=48", "reward.refresh_steps=20",
        "eval.every=0", "data.heldout_fraction=0.25"), cut);
    assertEquals(List.of(0L), new CheckpointStore(new Configuration(), cut.toString())
        .versions(Role.REWARD), "no refresh after the last iteration");
    Path labelling = dir.resolve("during-labelling");
    copy(cut, labelling);
    for (String f : List.of(RefreshPairs.SAMPLES, "pairs.jsonl")) {
      Files.createDirectories(labelling.resolve("labels/round-001"));
      Files.copy(round.resolve(f), labelling.resolve("labels/round-001").resolve(f));
    }
    Path training = dir.resolve("during-training");
    copy(cut, training);
    copy(round, training.resolve("labels/round-001"));
    Files.createDirectories(training.resolve("checkpoints/reward/.v000001.tmp-killed"));
    Files.writeString(training.resolve("checkpoints/reward/.v000001.tmp-killed/part"), "x");
    Path published = dir.resolve("after-publish");
    copy(cut, published);
    copy(round, published.resolve("labels/round-001"));
    copy(full.resolve("checkpoints/reward/v000001"),
        published.resolve("checkpoints/reward/v000001"));
    for (Path resumed : List.of(cut, labelling, training, published)) {
      MetricsTable r = run(c, resumed).metrics();
      assertSame(t, r, resumed.getFileName().toString());
    }
  }

  @Test
  void peoplesLabelsGoOutAndComeBackThroughTheFiles() throws Exception {
    Path run = dir.resolve("external");
    Pipeline.Outcome stopped = run(config("external"), run);
    assertNull(stopped.summary());
    assertTrue(stopped.awaitingLabels().contains("tether import-labels --run"),
        stopped.awaitingLabels());
    assertEquals(2, stopped.metrics().rows().size(), "iterations 0 and 1 ran");
    Path round = run.resolve("labels/round-001");
    assertTrue(!Files.exists(round.resolve("labels.jsonl")));
    List<Comparison> pairs = ComparisonFiles.read(round.resolve("pairs.jsonl"));
    assertEquals(12, pairs.size());
    ArrayNode tasks = (ArrayNode) new ObjectMapper().readTree(
        round.resolve("label-studio-tasks.json").toFile());
    assertEquals(12, tasks.size());
    assertTrue(Files.readString(round.resolve("label-studio-config.xml")).contains("<Pairwise"));
    assertEquals(1, LabelRounds.waiting(new RunLayout(run)));

    // a bad file is refused with one line per problem, and nothing is kept
    Path bad = dir.resolve("bad.jsonl");
    Files.writeString(bad, "{\"pair_id\": \"" + pairs.get(0).id() + "\", \"choice\": \"a\"}\n"
        + "{\"pair_id\": \"nope\", \"choice\": \"a\"}\n"
        + "{\"pair_id\": \"" + pairs.get(0).id() + "\", \"choice\": \"b\"}\n");
    LabelFileException e = assertThrows(LabelFileException.class,
        () -> LabelRounds.importLabels(new RunLayout(run), 1, bad));
    assertEquals(2 + 11, e.problems().size(), e.getMessage());
    assertEquals(bad + " line 2: unknown pair id \"nope\"", e.problems().get(0));
    assertTrue(!Files.exists(round.resolve("labels.jsonl")));

    // Label Studio's export of the imported tasks: a, b and skipped (a tie) in turn
    List<Choice> given = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      ObjectNode a = ((ObjectNode) tasks.get(i)).putArray("annotations").addObject();
      a.put("id", i + 1).put("was_cancelled", i % 3 == 2);
      ObjectNode result = a.putArray("result").addObject();
      result.put("from_name", "pw").put("to_name", "text1,text2").put("type", "pairwise");
      if (i % 3 != 2) {
        result.putObject("value").put("selected", i % 3 == 0 ? "left" : "right");
      }
      given.add(i % 3 == 0 ? Choice.A : i % 3 == 1 ? Choice.B : Choice.TIE);
    }
    Path export = dir.resolve("export.json");
    Files.writeString(export, tasks.toPrettyString());
    LabelRounds.Imported imported = LabelRounds.importLabels(new RunLayout(run), 1, export);
    assertEquals(List.of(4, 4, 4), List.of(imported.a(), imported.b(), imported.ties()));
    assertEquals(given, List.copyOf(LabelFiles.read(round.resolve("labels.jsonl"), pairs)
        .values()));

    Pipeline.Outcome done = run(config("external"), run);
    assertEquals("", done.awaitingLabels());
    assertEquals(List.of(0.0, 0.0, 1.0, 1.0), column(done.metrics(), MetricNames.REWARD_VERSION));
    assertEquals(12.0, done.metrics().rows().get(2).get(MetricNames.REFRESH_PAIRS));
    assertEquals(List.of(0L, 1L), new CheckpointStore(new Configuration(), run.toString())
        .versions(Role.REWARD));
    JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
    assertTrue(summary.at("/final/score").isNumber(), summary.toString());

    // pairs for labelling outside a refresh, from any kept policy version
    Path out = dir.resolve("export/pairs.jsonl");
    Path studio = dir.resolve("export/tasks.json");
    PairExport.write(config("external"), new RunLayout(run), 3, 5, out, studio,
        new PrintStream(new java.io.ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    List<Comparison> exported = ComparisonFiles.read(out);
    assertEquals(5, exported.size());
    assertEquals("v3-0004", exported.get(4).id());
    assertTrue(exported.stream().allMatch(p -> p.policyVersion() == 3), exported.toString());
    assertEquals(5, new ObjectMapper().readTree(studio.toFile()).size());
    assertTrue(Files.exists(dir.resolve("export/label-studio-config.xml")));
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> PairExport.write(config("external"), new RunLayout(run), 9, 5, out, null,
            System.out));
    assertTrue(missing.getMessage().endsWith(": no policy checkpoint version 9 (versions kept:"
        + " [2, 3, 4])"), missing.getMessage()); // run.keep_checkpoints: 3
  }

  private static void assertSame(MetricsTable want, MetricsTable got, String what) {
    assertEquals(want.rows().size(), got.rows().size(), what);
    for (int i = 0; i < want.rows().size(); i++) {
      for (String k : List.of(MetricNames.SCORES, MetricNames.KL, MetricNames.LOSS_POLICY,
          MetricNames.REWARD_VERSION)) {
        double x = want.rows().get(i).get(k);
        assertEquals(x, got.rows().get(i).get(k), 1e-4 * Math.max(1, Math.abs(x)),
            what + ": iteration " + i + " " + k);
      }
    }
    double x = want.rows().get(2).get(MetricNames.REFRESH_ACCURACY_AFTER);
    Double y = got.rows().get(2).get(MetricNames.REFRESH_ACCURACY_AFTER);
    if (y != null) { // a run resumed after the publish did no refresh of its own
      assertEquals(x, y, 1e-9, what);
    }
  }

  private static void copy(Path from, Path to) throws java.io.IOException {
    try (var files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static List<Double> column(MetricsTable t, String name) {
    List<Double> out = new ArrayList<>();
    for (double v : t.column(name)) {
      out.add(v);
    }
    return out;
  }

  private static List<Rollout> samples(Path file) throws java.io.IOException {
    try (RootAllocator allocator = new RootAllocator()) {
      return ArrowIpc.fromBytes(RolloutCodec.INSTANCE, Files.readAllBytes(file), allocator,
          file.toString());
    }
  }

  /**
   * Mean and population std of reward version {@code version}'s scores of {@code seqs}, and the
   * largest difference from version 0's score of the same sequence.
   */
  private static double[] moments(CheckpointStore store, long version, List<int[]> seqs) {
    float[] s;
    float[] base;
    int pad = new ByteTokenizer().pad();
    try (RewardModel rm = RewardModel.read(store.open(Role.REWARD, version), pad);
        RewardModel v0 = RewardModel.read(store.open(Role.REWARD, 0), pad)) {
      s = rm.scores(seqs, 16);
      base = v0.scores(seqs, 16);
    }
    double sum = 0;
    double moved = 0;
    for (int i = 0; i < s.length; i++) {
      sum += s[i];
      moved = Math.max(moved, Math.abs(s[i] - base[i]));
    }
    double mean = sum / s.length;
    double sq = 0;
    for (float v : s) {
      sq += (v - mean) * (v - mean);
    }
    return new double[] {mean, Math.sqrt(sq / s.length), moved};
  }

  private static List<ScoredRollout> kept(Path run, long it) {
    try (RootAllocator allocator = new RootAllocator()) {
      return ScoredRolloutFiles.read(new Configuration(),
          run.resolve(String.format("rollouts/iter-%06d.arrow", it)).toString(), allocator);
    }
  }

  private static List<Double> rescore(TetherConfig c, CheckpointStore store, long version,
      List<ScoredRollout> kept) {
    ByteTokenizer tok = new ByteTokenizer();
    try (RewardModel rm = RewardModel.read(store.open(Role.REWARD, version), tok.pad())) {
      List<Double> out = new ArrayList<>();
      new RolloutScorer(rm, null, tok, c.reward().batchSize(), c.reward().scoreClip(),
          c.reward().unfinishedPenalty()).score(kept.stream().map(ScoredRollout::rollout)
          .toList()).forEach(s -> out.add((double) s.score()));
      return out;
    }
  }
}
