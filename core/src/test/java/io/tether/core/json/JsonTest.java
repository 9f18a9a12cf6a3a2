package io.tether.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JsonTest {
  record Inner(double heldOutAccuracy, int pairs) {}

  record Outer(String runName, Inner rewardModel, double wallSeconds) {}

  @Test
  void writesSnakeCaseNestedKeysAndNanAsNull() {
    String text = Json.write(new Outer("r", new Inner(Double.NaN, 3), 1.5));
    assertEquals("{\"run_name\":\"r\",\"reward_model\":{\"held_out_accuracy\":null,\"pairs\":3},"
        + "\"wall_seconds\":1.5}", text.replaceAll("\\s", ""));
    assertTrue(text.endsWith("\n"));
  }

  @Test
  void roundTripKeepsNanAndInfinityBecomesNaN() {
    Outer o = new Outer("r", new Inner(Double.NaN, 3), Double.POSITIVE_INFINITY);
    Outer back = Json.read(Json.write(o), Outer.class, "x.json");
    assertTrue(Double.isNaN(back.rewardModel().heldOutAccuracy()));
    assertEquals(3, back.rewardModel().pairs());
    assertTrue(Double.isNaN(back.wallSeconds()));
    Outer finite = new Outer("s", new Inner(0.8125, 1600), 12.25);
    assertEquals(finite, Json.read(Json.write(finite), Outer.class, "x.json"));
  }

  @Test
  void missingFieldNamesSourceAndField() {
    String text = "{\"run_name\":\"r\",\"reward_model\":{\"held_out_accuracy\":0.5},"
        + "\"wall_seconds\":1}";
    String m = assertThrows(IllegalArgumentException.class,
        () -> Json.read(text, Outer.class, "/runs/a/setup.json")).getMessage();
    assertEquals("/runs/a/setup.json: field reward_model.pairs: missing", m);
  }

  @Test
  void nullIntegerAndWrongKindAreErrorsNamingTheField() {
    String nullPairs = "{\"run_name\":\"r\",\"reward_model\":{\"held_out_accuracy\":0.5,"
        + "\"pairs\":null},\"wall_seconds\":1}";
    String m = assertThrows(IllegalArgumentException.class,
        () -> Json.read(nullPairs, Outer.class, "f.json")).getMessage();
    assertTrue(m.startsWith("f.json: field reward_model.pairs: "), m);
    String text = "{\"run_name\":\"r\",\"reward_model\":{\"held_out_accuracy\":\"high\","
        + "\"pairs\":2},\"wall_seconds\":1}";
    m = assertThrows(IllegalArgumentException.class,
        () -> Json.read(text, Outer.class, "f.json")).getMessage();
    assertTrue(m.startsWith("f.json: field reward_model.held_out_accuracy: "), m);
  }

  @Test
  void brokenTextIsNotValidJson() {
    String m = assertThrows(IllegalArgumentException.class,
        () -> Json.read("{\"run_name\": ", Outer.class, "cut.json")).getMessage();
    assertTrue(m.startsWith("cut.json: "), m);
  }
}
