package io.tether.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The config key tables of the operator guide ({@code deploy/README.md}, section "2. Config
 * keys"), the one place every key's unit and meaning is written; {@code tether init} comments
 * the config it writes from them, and a test checks them against the config loader, so the two
 * cannot drift. The guide travels in the jar as {@code io/tether/deploy/guide/README.md}.
 */
final class ConfigGuide {
  /** The heading of the section that lists the config keys. */
  static final String CONFIG_SECTION = "## 2. Config keys";

  private static final String BUNDLED = "guide/README.md";

  /** One table row: {@code | `key` | `default` | unit | meaning |}. */
  record Row(String key, String defaultCell, String unit, String meaning) {}

  private ConfigGuide() {}

  /** The rows of the guide bundled with this build, by key. */
  static Map<String, Row> bundled() {
    try (InputStream in = ConfigGuide.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException("the operator guide is missing from the jar ("
            + BUNDLED + "); rebuild with mvn install");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return rows(List.of(text.split("\n", -1)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Rows of the config section's tables whose first cell is a backquoted dotted key. */
  static Map<String, Row> rows(List<String> lines) {
    Map<String, Row> rows = new LinkedHashMap<>();
    boolean inSection = false;
    for (String line : lines) {
      if (line.startsWith("## ")) {
        inSection = line.startsWith(CONFIG_SECTION);
      }
      if (!inSection || !line.startsWith("| `")) {
        continue;
      }
      String body = line.substring(1, line.length() - (line.endsWith("|") ? 1 : 0));
      List<String> cells = new ArrayList<>();
      for (String c : body.split(" \\| ")) {
        cells.add(c.trim());
      }
      String key = cells.get(0).replace("`", "");
      if (key.matches("[a-z_]+(\\.[a-z_0-9]+)+")) {
        while (cells.size() < 4) {
          cells.add("");
        }
        rows.put(key, new Row(key, cells.get(1), cells.get(2), cells.get(3)));
      }
    }
    return rows;
  }
}
