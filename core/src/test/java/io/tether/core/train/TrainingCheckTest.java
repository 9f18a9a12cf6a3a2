package io.tether.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.model.ModelPreset;
import io.tether.core.time.ScriptedTicker;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TrainingCheckTest {

  @Test
  void theTinyModelLearnsTheTextAndReloadsExactly() {
    AtomicInteger steps = new AtomicInteger();
    TrainingCheck.Result r = TrainingCheck.run(
        new TrainingCheck.Options(ModelPreset.TINY, 300, 8, 64, 3e-3, 42),
        TrainingCheck.sampleText(), s -> steps.incrementAndGet(), new ScriptedTicker(2_500_000));
    System.out.printf("training check: loss %.3f -> %.3f in %.1f s%n",
        r.initialLoss(), r.finalLoss(), r.seconds());
    assertEquals(300, steps.get());
    // An untrained byte model starts near ln(259) = 5.56 nats per token.
    assertEquals(Math.log(259), r.initialLoss(), 0.3);
    assertTrue(r.finalLoss() < r.initialLoss() / 2, "loss " + r.finalLoss());
    assertTrue(r.reloadIdentical());
    assertTrue(r.passed());
    assertEquals(0.0025, r.seconds(), 1e-12, "the time is the injected clock's: one tick");
  }
}
