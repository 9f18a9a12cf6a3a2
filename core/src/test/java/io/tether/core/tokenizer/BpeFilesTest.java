package io.tether.core.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tether.core.data.DataFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BpeFilesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final BpeTokenizer T = BpeTrainer.fit(List.of(
      "the movie was great, the movie was not bad", "then there was the film", "café café"),
      300);

  private static String written() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BpeFiles.write(T, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static BpeTokenizer read(String json) throws Exception {
    return BpeFiles.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "t.json");
  }

  @Test
  void writesTheHuggingFaceByteLevelLayoutAndReadsItBack() throws Exception {
    JsonNode n = JSON.readTree(written());
    assertEquals("BPE", n.at("/model/type").asText());
    assertEquals("Split", n.at("/pre_tokenizer/pretokenizers/0/type").asText());
    assertEquals(ByteLevel.PATTERN, n.at("/pre_tokenizer/pretokenizers/0/pattern/Regex").asText());
    assertEquals("ByteLevel", n.at("/pre_tokenizer/pretokenizers/1/type").asText());
    assertEquals(false, n.at("/pre_tokenizer/pretokenizers/1/use_regex").asBoolean());
    assertEquals("ByteLevel", n.at("/decoder/type").asText());
    // a space is the byte-level character U+0120; " the" is one token after fitting
    assertEquals(T.encode(" the")[0], n.at("/model/vocab").get("\u0120the").asInt());
    assertEquals(32, n.at("/model/vocab").get("\u0120").asInt());
    assertEquals(257, n.at("/model/vocab").get("<|endoftext|>").asInt());
    assertEquals("<|pad|>", n.at("/added_tokens/2/content").asText());
    assertEquals(T.merges(), n.at("/model/merges").size());
    BpeTokenizer back = read(written());
    assertEquals(T.vocabSize(), back.vocabSize());
    for (String s : List.of("the movie was great", "café naïve 日本")) {
      assertEquals(java.util.Arrays.toString(T.encode(s)), java.util.Arrays.toString(
          back.encode(s)));
    }
  }

  private static final BpeTokenizer UNCASED = BpeTrainer.fit(List.of(new BpeTrainer.Part(List.of(
      "The movie was GREAT, the Movie was not bad", "Then there was the film", "Café CAFÉ"), 1)),
      300, true);

  private static String json(BpeTokenizer t) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BpeFiles.write(t, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void anUncasedTokenizerIsWrittenWithTheLowercaseNormalizerAndReadBackUncased() throws Exception {
    assertTrue(JSON.readTree(written()).get("normalizer").isNull());
    assertEquals("Lowercase", JSON.readTree(json(UNCASED)).at("/normalizer/type").asText());
    BpeTokenizer back = read(json(UNCASED));
    assertTrue(back.lowercase());
    assertFalse(read(written()).lowercase());
    for (String s : List.of("The MOVIE was Great", "CAFÉ naïve 日本")) {
      assertArrayEquals(UNCASED.encode(s), back.encode(s), s);
    }
    ObjectNode nfc = (ObjectNode) JSON.readTree(json(UNCASED));
    nfc.putObject("normalizer").put("type", "NFC");
    assertEquals("t.json: normalizer {\"type\":\"NFC\"} is not supported; Tether's fitted"
        + " tokenizer has none (null) or {\"type\": \"Lowercase\"}",
        assertThrows(DataFormatException.class, () -> read(nfc.toString())).getMessage());
  }

  /**
   * The Hugging Face tokenizers library (through DJL) reads the written files as they are meant:
   * its ids for texts of any case are BpeTokenizer's, cased and uncased.
   */
  @Test
  void theTokenizersLibraryEncodesTheWrittenFilesAsBpeTokenizerDoes() throws Exception {
    List<String> texts = List.of("the movie was great", "The Movie WAS great, NOT bad!",
        "Then there's the film: café CAFÉ naïve", "  two  spaces\tand a tab\n", "日本 😀 x",
        "ΟΔΟΣ ΣΟΦΟΣ İstanbul ǅ");
    for (BpeTokenizer t : List.of(T, UNCASED)) {
      HfTokenizer hf = new HfTokenizer(json(t), "t.json", t.vocabSize(), BpeTokenizer.BOS,
          BpeTokenizer.EOS, BpeTokenizer.PAD);
      for (String s : texts) {
        assertArrayEquals(t.encode(s), hf.encode(s), (t.lowercase() ? "uncased: " : "") + s);
        assertEquals(t.decode(t.encode(s)), hf.decode(t.encode(s)), s);
      }
    }
    assertArrayEquals(UNCASED.encode("the movie"), UNCASED.encode("THE Movie"));
  }

  @Test
  void readsMergesWrittenAsPairsToo() throws Exception {
    ObjectNode n = (ObjectNode) JSON.readTree(written());
    ArrayNode merges = (ArrayNode) n.at("/model/merges");
    ArrayNode pairs = JSON.createArrayNode();
    merges.forEach(m -> pairs.addArray().add(m.asText().split(" ")[0])
        .add(m.asText().split(" ")[1]));
    ((ObjectNode) n.get("model")).set("merges", pairs);
    assertEquals(T.merges(), read(n.toString()).merges());
  }

  @Test
  void badFilesAreNamedWithTheFieldAtFault() throws Exception {
    ObjectNode n = (ObjectNode) JSON.readTree(written());
    ((ArrayNode) n.at("/model/merges")).set(0, JSON.getNodeFactory().textNode("zz qq"));
    assertEquals("t.json: model.merges[0] \"zz qq\" is not two tokens of model.vocab whose join"
        + " is in model.vocab", assertThrows(DataFormatException.class,
            () -> read(n.toString())).getMessage());
    ObjectNode wordPiece = (ObjectNode) JSON.readTree(written());
    ((ObjectNode) wordPiece.get("model")).put("type", "WordPiece");
    assertEquals("t.json: model.type must be \"BPE\", found \"WordPiece\"",
        assertThrows(DataFormatException.class, () -> read(wordPiece.toString())).getMessage());
    ObjectNode noPad = (ObjectNode) JSON.readTree(written());
    ((ObjectNode) noPad.at("/model/vocab")).remove("<|pad|>");
    assertEquals("t.json: model.vocab must give <|pad|> id 258, found null",
        assertThrows(DataFormatException.class, () -> read(noPad.toString())).getMessage());
    assertThrows(DataFormatException.class, () -> read("{not json"));
  }
}
