package io.tether.reward;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.core.data.DataFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The default task's gold reward: the AFINN-165 lexicon score of a text with negation.
 *
 * <p>Rule: the text is lower-cased and split into words on every character other than a-z and
 * the apostrophe; each word found in the lexicon adds its value (-5..+5), with the sign flipped
 * when the word just before it is a negator ({@code not}, {@code don't}, ...). The score is the
 * sum (not normalised by length, so longer positive text scores higher).
 */
public final class GoldReward implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Integer> lexicon;
  private final Set<String> negators;

  public GoldReward(Map<String, Integer> lexicon, Set<String> negators) {
    this.lexicon = Map.copyOf(lexicon);
    this.negators = Set.copyOf(negators);
  }

  /** Reads {@code languages/en/labels.json} and {@code negators.json} of the sentiment package. */
  public static GoldReward load(Path sentimentPackage) {
    Path en = sentimentPackage.resolve("languages/en");
    Map<String, Integer> lex = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : fields(en.resolve("labels.json"))) {
      if (!e.getValue().canConvertToInt()) {
        throw new DataFormatException(en.resolve("labels.json") + ": \"" + e.getKey()
            + "\" has a non-integer value " + e.getValue());
      }
      lex.put(e.getKey(), e.getValue().intValue());
    }
    Set<String> neg = new HashSet<>();
    for (Map.Entry<String, JsonNode> e : fields(en.resolve("negators.json"))) {
      neg.add(e.getKey());
    }
    return new GoldReward(lex, neg);
  }

  private static Iterable<Map.Entry<String, JsonNode>> fields(Path file) {
    try {
      JsonNode n = JSON.readTree(file.toFile());
      if (n == null || !n.isObject()) {
        throw new DataFormatException(file + ": expected a JSON object");
      }
      Iterator<Map.Entry<String, JsonNode>> it = n.fields();
      return () -> it;
    } catch (IOException e) {
      throw new DataFormatException(file + ": " + e.getMessage(), e);
    }
  }

  /** The gold score of {@code text}. */
  public double score(String text) {
    double total = 0;
    String previous = "";
    for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z']+")) {
      if (word.isEmpty()) {
        continue;
      }
      Integer v = lexicon.get(word);
      if (v != null) {
        total += negators.contains(previous) ? -v : v;
      }
      previous = word;
    }
    return total;
  }

  /** Number of lexicon entries. */
  public int size() {
    return lexicon.size();
  }
}
