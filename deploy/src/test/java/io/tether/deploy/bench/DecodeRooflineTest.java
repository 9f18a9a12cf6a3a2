package io.tether.deploy.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelPreset;
import io.tether.core.model.ModelSpec;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DecodeRooflineTest {

  @Test
  void productsCoverEveryParameterOfTheStep() {
    for (HeadKind head : HeadKind.values()) {
      ModelSpec spec = ModelSpec.of(ModelPreset.SMALL, 259, head);
      double flops = DecodeRoofline.products(spec, 32).stream()
          .mapToDouble(DecodeRoofline.Product::flops).sum();
      assertEquals(2.0 * 32 * spec.matmulParameterCount(), flops, 0.5, head.name());
    }
  }

  @Test
  void rateIsTotalFlopsOverSummedTimesNotAMeanOfRates() {
    AtomicLong clock = new AtomicLong();
    // every timed product takes exactly 1 µs on this clock, whatever its size
    MatmulRoofline fixed = new MatmulRoofline(() -> clock.getAndAdd(1_000));
    List<DecodeRoofline.Product> products =
        List.of(new DecodeRoofline.Product(2, 4, 8, 3), new DecodeRoofline.Product(2, 16, 4, 1));
    double flops = 2.0 * 2 * 4 * 8 * 3 + 2.0 * 2 * 16 * 4;
    double expected = flops / (4 * 1_000.0);
    assertEquals(expected, DecodeRoofline.gflops(products, fixed, 3), 1e-12);
  }
}
