package io.tether.core.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.core.model.ModelFormatException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Small file reads of a model directory, errors naming the file. */
final class HfFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HfFiles() {}

  static boolean exists(Path p, Configuration conf) {
    try {
      return p.getFileSystem(conf).exists(p);
    } catch (IOException e) {
      throw new ModelFormatException(p + ": cannot check whether it exists: " + e.getMessage(),
          e);
    }
  }

  static JsonNode readJson(Path p, Configuration conf) {
    try (InputStream in = p.getFileSystem(conf).open(p)) {
      JsonNode n = JSON.readTree(in);
      if (n == null || !n.isObject()) {
        throw new ModelFormatException(p + ": expected a JSON object");
      }
      return n;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ModelFormatException(p + ": not valid JSON at line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
          + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ModelFormatException(p + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** {@code json.field} as a positive integer, or an error naming the file and field. */
  static int positive(JsonNode json, String field, String source) {
    JsonNode v = json.path(field);
    if (!v.canConvertToInt() || v.asInt() < 1) {
      throw new ModelFormatException(source + ": \"" + field + "\" must be a positive integer, got "
          + (v.isMissingNode() ? "nothing" : v.toString()));
    }
    return v.asInt();
  }
}
