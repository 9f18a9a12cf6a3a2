package io.tether.core.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.core.data.DataFormatException;
import io.tether.core.data.DefaultTaskFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The default task's text, read from the npm packages the set-up step fetched: Moby-Dick chapters
 * and State of the Union addresses (long documents, for language), and the review sentences of
 * the {@code sentiment} package (IMDB, Amazon, Yelp: short documents in the style the prompts
 * come from). Review sentences are split into a training part and a held-out part by a stable hash
 * of their text, so prompts never come from sentences the policy was fine-tuned on.
 *
 * @param books long documents
 * @param trainReviews review sentences for SFT
 * @param heldoutReviews review sentences prompts are made from
 */
public record DefaultTaskCorpus(
    List<String> books, List<String> trainReviews, List<String> heldoutReviews) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] REVIEW_FILES = {"imdb.json", "amazon.json", "yelp.json"};

  /** Reads everything; {@code heldoutFraction} of the review sentences are held out. */
  public static DefaultTaskCorpus load(DefaultTaskFiles files, double heldoutFraction) {
    List<String> books = new ArrayList<>();
    books.addAll(texts(files.mobyDick().resolve("data"), "text"));
    books.addAll(texts(files.sotu().resolve("data"), "text"));
    List<String> train = new ArrayList<>();
    List<String> heldout = new ArrayList<>();
    for (String name : REVIEW_FILES) {
      Path file = files.sentiment().resolve("test/fixtures").resolve(name);
      JsonNode reviews = array(file);
      for (int i = 0; i < reviews.size(); i++) {
        String text = clean(text(reviews.get(i), "text", file + ": element " + i));
        if (text.isEmpty()) {
          continue;
        }
        (isHeldOut(text, heldoutFraction) ? heldout : train).add(text);
      }
    }
    return new DefaultTaskCorpus(books, train, heldout);
  }

  /** Stable split: the same sentence is always on the same side, whatever the file order. */
  static boolean isHeldOut(String text, double fraction) {
    long h = 1125899906842597L;
    for (int i = 0; i < text.length(); i++) {
      h = 31 * h + text.charAt(i);
    }
    return StableSplit.heldOut(h, fraction);
  }

  /** Collapses runs of whitespace and trims. */
  static String clean(String text) {
    return text.replaceAll("\\s+", " ").trim();
  }

  private static List<String> texts(Path dir, String field) {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> sorted = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      List<String> out = new ArrayList<>();
      for (Path p : sorted) {
        JsonNode doc = object(p);
        if (!doc.isObject()) {
          continue; // an index such as Moby-Dick's file_list.json, not a document
        }
        String text = clean(text(doc, field, p.toString()));
        if (!text.isEmpty()) {
          out.add(text);
        }
      }
      return out;
    } catch (IOException e) {
      throw new DataFormatException(dir + ": cannot list: " + e.getMessage(), e);
    }
  }

  /** The string {@code field} of {@code node}; {@code where} names the file and element. */
  private static String text(JsonNode node, String field, String where) {
    JsonNode t = node.isObject() ? node.get(field) : null;
    if (t != null && t.isTextual()) {
      return t.asText();
    }
    String found = !node.isObject() ? "a JSON " + kind(node) + " instead of an object"
        : t == null ? "no \"" + field + "\"" : "\"" + field + "\" as a JSON " + kind(t);
    throw new DataFormatException(where + ": expected a string \"" + field + "\", found "
        + found + "; run deploy/bin/tether setup again to fetch the package afresh");
  }

  private static String kind(JsonNode n) {
    return n.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  private static JsonNode object(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new DataFormatException(file + ": not valid JSON: " + e.getMessage(), e);
    }
  }

  private static JsonNode array(Path file) {
    JsonNode n = object(file);
    if (!n.isArray()) {
      throw new DataFormatException(file + ": expected a JSON array of {text, class}");
    }
    return n;
  }
}
