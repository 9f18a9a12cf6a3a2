package io.tether.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * The one JSON mapping of Tether's own files (run summaries, set-up results, learner state, the
 * reward service's health answer): records with snake_case keys, written indented; a number that
 * is NaN or infinite is written as {@code null} (JSON has no NaN) and a {@code null} read into a
 * {@code double} is NaN, so such a value survives a round trip; reading fails on a missing field
 * or a null integer and names the source and the field. Thread-safe.
 */
public final class Json {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .addModule(new SimpleModule("finite-numbers")
          .addSerializer(Double.class, new FiniteDouble())
          .addSerializer(double.class, new FiniteDouble())
          .addDeserializer(double.class, new NullAsNaN()))
      .build();

  private Json() {}

  /** {@code value} as indented JSON text ending in a newline. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName()
          + " as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Reads {@code text} as a {@code type}.
   *
   * @param source names the text in the error, e.g. a file's path
   * @throws IllegalArgumentException naming {@code source}, the field path and the problem when
   *     the text is not valid JSON of that shape
   */
  public static <T> T read(String text, Class<T> type, String source) {
    try {
      return MAPPER.readValue(text, type);
    } catch (JsonMappingException e) {
      throw new IllegalArgumentException(source + ": " + where(e) + problem(e), e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + ": not valid JSON: " + e.getOriginalMessage(),
          e);
    }
  }

  private static String problem(JsonMappingException e) {
    String m = e.getOriginalMessage();
    return m.startsWith("Missing creator property") ? "missing" : m;
  }

  private static String where(JsonMappingException e) {
    String path = e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."));
    return path.isEmpty() ? "" : "field " + path + ": ";
  }

  /** Reads a {@code double}; {@code null} (how NaN was written) is NaN. */
  private static final class NullAsNaN extends StdDeserializer<Double> {
    NullAsNaN() {
      super(double.class);
    }

    @Override
    public Double deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      return _parseDoublePrimitive(p, ctx);
    }

    @Override
    public Double getNullValue(DeserializationContext ctx) {
      return Double.NaN;
    }
  }

  /** Writes NaN and infinities as null. */
  private static final class FiniteDouble extends JsonSerializer<Double> {
    @Override
    public void serialize(Double v, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      if (Double.isFinite(v)) {
        gen.writeNumber(v);
      } else {
        gen.writeNull();
      }
    }
  }
}
