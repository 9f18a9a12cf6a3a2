package io.tether.core.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.checkpoint.CheckpointStore;
import io.tether.core.data.DataFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunTokenizersTest {
  @TempDir Path dir;

  private CheckpointStore store() {
    return new CheckpointStore(new Configuration(), dir.resolve("run").toString());
  }

  @Test
  void theFittedTokenizerIsStoredBesideTheCheckpointsAndFoundByVocabularySize() throws Exception {
    BpeTokenizer t = BpeTrainer.fit(List.of("the movie the movie the film"), 270);
    assertTrue(RunTokenizers.read(store()).isEmpty());
    RunTokenizers.write(store(), t);
    assertTrue(Files.isRegularFile(dir.resolve("run/checkpoints/tokenizer.json")));
    try (var files = Files.list(dir.resolve("run/checkpoints"))) {
      assertEquals(0, files.filter(f -> f.getFileName().toString().contains(".tmp-")).count(),
          "no temporary file is left behind");
    }
    Tokenizer back = RunTokenizers.of(store(), t.vocabSize(), "ck");
    assertEquals(java.util.Arrays.toString(t.encode(" the film")),
        java.util.Arrays.toString(back.encode(" the film")));
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> RunTokenizers.of(store(), 259, "ck"));
    assertEquals("ck: the model has 259 token ids but " + store().sharedUri("tokenizer.json")
        + " has " + t.vocabSize(), e.getMessage());
  }

  @Test
  void withoutAStoredTokenizerTheFixedOneOfThatSizeIsTaken() {
    assertInstanceOf(ByteTokenizer.class, RunTokenizers.of(store(), 259, "ck"));
    assertInstanceOf(Gpt2Tokenizer.class, RunTokenizers.of(store(), 50258, "ck"));
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> RunTokenizers.of(store(), 4096, "ck"));
    assertEquals("ck: vocabulary of 4096 tokens matches no tokenizer, and there is no "
        + store().sharedUri("tokenizer.json"), e.getMessage());
  }
}
