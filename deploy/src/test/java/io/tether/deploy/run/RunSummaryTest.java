package io.tether.deploy.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.core.json.Json;
import io.tether.core.metrics.MetricNames;
import io.tether.deploy.report.MetricsTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSummaryTest {
  private static final SetupResult SETUP =
      new SetupResult("task: default", "reward model trained by this run", 5.5, 1.25, 10, 0.875,
          1600, 240, 0.8125, 0.9375, 0.5, 20);
  private static final RunSummary.Versions VERSIONS =
      new RunSummary.Versions("t", "17", "4.2", "0.36", "2.7");

  @TempDir Path dir;

  private static Map<String, Double> row(long it, double sqrtKl, double score, double gold) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(MetricNames.ITERATION, (double) it);
    m.put(MetricNames.SQRT_KL, sqrtKl);
    m.put(MetricNames.KL, sqrtKl * sqrtKl);
    m.put(MetricNames.SCORES, score);
    m.put(MetricNames.GOLD_SCORES, gold);
    m.put(MetricNames.KL_COEF, 0.05 + it);
    return m;
  }

  @Test
  void firstAndLastIterationsFitsAndSetupLandUnderTheirKeys() throws Exception {
    MetricsTable t = new MetricsTable();
    // RM score on the line 0.1 + 0.5 sqrt(KL); gold 0.2 + 0.25 sqrt(KL) except a NaN at it 0
    t.put(row(0, 0, 0.1, Double.NaN));
    t.put(row(1, 1, 0.6, 0.45));
    t.put(row(2, 2, 1.1, 0.7));
    RunSummary s = RunSummary.of(t, SETUP, 42.5, VERSIONS, "/runs/a", "run: {}\n");
    JsonNode n = new ObjectMapper().readTree(Json.write(s));
    assertEquals(0.5, n.at("/fit/slope").asDouble(), 1e-12);
    assertEquals(0.1, n.at("/fit/intercept").asDouble(), 1e-12);
    assertEquals(3, n.at("/fit/n").asInt());
    assertEquals(0.25, n.at("/fit_gold/slope").asDouble(), 1e-12);
    assertEquals(2, n.at("/fit_gold/n").asInt());
    assertEquals(0.1, n.at("/sft/score").asDouble());
    assertTrue(n.at("/sft/gold_score").isNull());
    assertEquals(5.5, n.at("/sft/first_loss").asDouble());
    assertTrue(n.at("/final/iteration").isIntegralNumber());
    assertEquals(2, n.at("/final/iteration").asLong());
    assertEquals(1.1, n.at("/final/score").asDouble());
    assertEquals(0.7, n.at("/final/gold_score").asDouble());
    assertEquals(4.0, n.at("/final/kl").asDouble());
    assertEquals(2.05, n.at("/final/kl_coef").asDouble());
    assertEquals(0.8125, n.at("/reward_model/heldout_accuracy").asDouble());
    assertEquals(1600, n.at("/reward_model/pairs").asInt());
    assertEquals(240, n.at("/reward_model/heldout_pairs").asInt());
    assertEquals(0.9375, n.at("/reward_model/heldout_gold_accuracy").asDouble());
    assertEquals(0.875, n.at("/annotator/agreement_with_gold").asDouble());
    assertEquals("4.2", n.at("/versions/spark").asText());
    assertEquals("run: {}\n", n.get("config").asText());
  }

  @Test
  void evaluationPointsWhenThereAreTwoWithGaosFitOfTheirGold() throws Exception {
    MetricsTable t = new MetricsTable();
    double[] d = {0, 0.5, 1.5, 3.0};
    for (int it = 0; it < 4; it++) {
      // training points on another line, to see which points were fitted
      Map<String, Double> r = row(it, it, 5 + it, 9 - it);
      if (it != 1) { // iteration 1 not evaluated
        r.put(MetricNames.EVAL_SQRT_KL, d[it]);
        r.put(MetricNames.EVAL_SCORE, 0.3 + 0.2 * d[it]);
        r.put(MetricNames.EVAL_GOLD_SCORE, d[it] == 0 ? 0.4
            : 0.4 + d[it] * (1.2 - 0.5 * Math.log(d[it])));
      }
      t.put(r);
    }
    JsonNode n = new ObjectMapper().readTree(Json.write(
        RunSummary.of(t, SETUP, 1, VERSIONS, "/r", "c")));
    assertEquals("evaluation", n.get("fit_points").asText());
    assertEquals(0.2, n.at("/fit/slope").asDouble(), 1e-12);
    assertEquals(3, n.at("/fit/n").asInt());
    assertEquals(1.2, n.at("/over_optimization/alpha").asDouble(), 1e-9);
    assertEquals(0.5, n.at("/over_optimization/beta").asDouble(), 1e-9);
    assertEquals(Math.exp(1.2 / 0.5 - 1), n.at("/over_optimization/peak_sqrt_kl").asDouble(),
        1e-9);
    assertEquals(2, n.at("/over_optimization/n").asInt(), "d = 0 is the reference level only");
  }

  @Test
  void noIterationLeavesFinalOutAndReadsBack() throws Exception {
    RunSummary s = RunSummary.of(new MetricsTable(), SETUP, 1, VERSIONS, "/r", "c");
    Path f = dir.resolve("summary.json");
    Files.writeString(f, Json.write(s));
    JsonNode n = new ObjectMapper().readTree(f.toFile());
    assertTrue(n.get("final").isNull());
    assertTrue(n.at("/sft/score").isNull());
    assertEquals(1.25, n.at("/sft/last_loss").asDouble());
    assertEquals(s, RunSummary.read(f));
  }
}
