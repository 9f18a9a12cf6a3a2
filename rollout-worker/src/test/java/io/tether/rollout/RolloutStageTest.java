package io.tether.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.arrow.ArrowMemory;
import io.tether.core.arrow.ProcessRole;
import io.tether.core.arrow.Prompt;
import io.tether.core.arrow.Rollout;
import io.tether.core.checkpoint.CheckpointStore;
import io.tether.core.checkpoint.CheckpointWriter;
import io.tether.core.checkpoint.Role;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelPreset;
import io.tether.core.model.ModelSpec;
import io.tether.core.model.ModelStore;
import io.tether.core.time.Ticker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkException;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RolloutStageTest {
  /** The driver's Arrow memory of these tests (one per test JVM, as in a driver). */
  static final ArrowMemory MEMORY = ArrowMemory.open(ProcessRole.DRIVER);
  private static SparkSession spark;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder().master("local[2,4]").appName("rollout-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  static void publish(String store, Role role, long version, long seed) {
    publish(store, ModelPreset.TINY, role, version, seed);
  }

  /** A random LM of {@code preset} as checkpoint {@code role} v{@code version} in {@code store}. */
  static void publish(String store, ModelPreset preset, Role role, long version, long seed) {
    ModelSpec spec = ModelSpec.of(preset, 259, HeadKind.LM);
    try (GptModel m = GptModel.create(spec, seed);
        CheckpointWriter w = new CheckpointStore(new Configuration(), store).begin(role, version)) {
      ModelStore.write(w, m);
      w.commit();
    }
  }

  /**
   * A rollout stage with the session's Hadoop configuration, decoding in {@link #MEMORY}, timed
   * by the system clock.
   */
  static RolloutStage stage(SparkSession spark) {
    return new RolloutStage(spark, spark.sparkContext().hadoopConfiguration(), MEMORY,
        Ticker.SYSTEM);
  }

  @AfterEach
  void nothingIsLeftInTheDriversArrowMemory() {
    assertEquals(0, MEMORY.allocatedBytes());
  }

  static List<Prompt> prompts(int n) {
    List<Prompt> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int[] t = new int[2 + i % 4];
      t[0] = 256;
      for (int j = 1; j < t.length; j++) {
        t[j] = 'a' + (i * 7 + j) % 26;
      }
      out.add(new Prompt(100 + i, t));
    }
    return out;
  }

  static RolloutRequest request(String store, long version, long iteration) {
    return new RolloutRequest(new ModelRef(store, Role.POLICY, version),
        new ModelRef(store, Role.REFERENCE, 0), 42, iteration, 2, 4, true, 1.0, 0, 1.0, 12, 257, 258);
  }

  @Test
  void everyPromptAndSampleComesBackOnceInOrderAndRerunsAreIdentical() {
    String store = dir.toString();
    publish(store, Role.POLICY, 0, 1);
    publish(store, Role.REFERENCE, 0, 1);
    RolloutStage stage = RolloutStageTest.stage(spark);
    RolloutResult<Rollout> a = stage.generate(request(store, 0, 3), prompts(10), 3, TaskHook.NONE);
    assertEquals(20, a.rows().size());
    for (int i = 0; i < 20; i++) {
      Rollout r = a.rows().get(i);
      assertEquals(100 + i / 2, r.promptId());
      assertEquals(i % 2, r.sampleIndex());
      assertEquals(0, r.policyVersion());
      assertTrue(r.responseLength() >= 1 && r.responseLength() <= 12);
      for (int t = 0; t < r.responseLength(); t++) {
        // the policy is the reference here: identical log-probs up to float error
        assertEquals(r.logprobs()[t], r.refLogprobs()[t], 1e-4);
      }
    }
    assertTrue(!java.util.Arrays.equals(a.rows().get(0).responseTokens(),
        a.rows().get(1).responseTokens()), "two samples of one prompt differ");
    RolloutResult<Rollout> b = stage.generate(request(store, 0, 3), prompts(10), 2, TaskHook.NONE);
    // other partitioning, other batches and padding: same tokens, log-probs equal up to float error
    assertSameSamples(a.rows(), b.rows());
    RolloutResult<Rollout> c = stage.generate(request(store, 0, 4), prompts(10), 3, TaskHook.NONE);
    assertTrue(!a.rows().equals(c.rows()), "another iteration samples afresh");
  }

  static void assertSameSamples(List<Rollout> a, List<Rollout> b) {
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      Rollout x = a.get(i);
      Rollout y = b.get(i);
      assertEquals(x.promptId(), y.promptId());
      assertEquals(x.sampleIndex(), y.sampleIndex());
      assertTrue(java.util.Arrays.equals(x.responseTokens(), y.responseTokens()), "row " + i);
      assertEquals(x.finished(), y.finished());
      for (int t = 0; t < x.responseLength(); t++) {
        assertEquals(x.logprobs()[t], y.logprobs()[t], 1e-5);
        assertEquals(x.refLogprobs()[t], y.refLogprobs()[t], 1e-5);
      }
    }
  }

  @Test
  void aTaskThatFailsOnItsFirstAttemptIsRetriedWithNothingLostOrDuplicated() {
    String store = dir.toString();
    publish(store, Role.POLICY, 0, 2);
    publish(store, Role.REFERENCE, 0, 2);
    RolloutStage stage = RolloutStageTest.stage(spark);
    RolloutResult<Rollout> clean = stage.generate(request(store, 0, 1), prompts(12), 3,
        TaskHook.NONE);
    TaskHook failFirst = ctx -> {
      if (ctx.partitionId() == 1 && ctx.attemptNumber() == 0) {
        throw new IllegalStateException("injected failure of partition 1, attempt 0");
      }
    };
    RolloutResult<Rollout> retried = stage.generate(request(store, 0, 1), prompts(12), 3,
        failFirst);
    assertEquals(1, retried.failedAttempts());
    assertEquals(clean.rows(), retried.rows());
  }

  @Test
  void anUnchangedVersionIsNotReloadedAndANewOneLoadsOnce() {
    String store = dir.toString();
    publish(store, Role.POLICY, 0, 3);
    publish(store, Role.REFERENCE, 0, 3);
    RolloutStage stage = RolloutStageTest.stage(spark);
    long before = ExecutorModels.loads();
    RolloutResult<Rollout> first = stage.generate(request(store, 0, 0), prompts(6), 2,
        TaskHook.NONE);
    assertEquals(before + 2, ExecutorModels.loads(), "policy and reference, once each");
    assertTrue(first.modelLoadSeconds() > 0);
    stage.generate(request(store, 0, 1), prompts(6), 2, TaskHook.NONE);
    assertEquals(before + 2, ExecutorModels.loads());
    publish(store, Role.POLICY, 1, 4);
    RolloutResult<Rollout> next = stage.generate(request(store, 1, 2), prompts(6), 2,
        TaskHook.NONE);
    assertEquals(before + 3, ExecutorModels.loads());
    assertEquals(1, next.rows().get(0).policyVersion());
  }

  @Test
  void aMissingCheckpointFailsTheStageNamingIt() {
    String store = dir.toString();
    RolloutStage stage = RolloutStageTest.stage(spark);
    SparkException e = assertThrows(SparkException.class,
        () -> stage.generate(request(store, 7, 0), prompts(2), 1, TaskHook.NONE));
    assertTrue(e.getMessage().contains("policy"), e.getMessage());
  }

  @Test
  void parquetPromptsKeepTheirRowNumbersAndNullsAreBadRecords() {
    Path file = dir.resolve("prompts.parquet");
    org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
        .add("prompt", org.apache.spark.sql.types.DataTypes.StringType, true)
        .add("source", org.apache.spark.sql.types.DataTypes.StringType, true);
    List<org.apache.spark.sql.Row> rows = List.of(
        org.apache.spark.sql.RowFactory.create("Hi", "a"),
        org.apache.spark.sql.RowFactory.create(null, "b"),
        org.apache.spark.sql.RowFactory.create("Yo", "c"));
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(file.toString());
    io.tether.core.tokenizer.ByteTokenizer tok = new io.tether.core.tokenizer.ByteTokenizer();
    PromptSet s = new PromptSource(new Configuration(), tok,
        io.tether.core.config.BadLinePolicy.SKIP, io.tether.core.config.PromptOverflow.REJECT, 20)
        .readParquet(spark, file.toString());
    assertEquals(List.of(new Prompt(0, new int[] {256, 'H', 'i'}),
        new Prompt(2, new int[] {256, 'Y', 'o'})), s.prompts());
    assertEquals(1, s.skipped());
    io.tether.core.data.DataFormatException e = assertThrows(
        io.tether.core.data.DataFormatException.class,
        () -> new PromptSource(new Configuration(), tok, io.tether.core.config.BadLinePolicy.FAIL,
            io.tether.core.config.PromptOverflow.REJECT, 20).readParquet(spark, file.toString()));
    assertTrue(e.getMessage().contains("row 1: empty or null prompt"), e.getMessage());
  }
}
