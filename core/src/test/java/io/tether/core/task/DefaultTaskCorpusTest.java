package io.tether.core.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.data.DataFormatException;
import io.tether.core.data.DefaultTaskFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The corpus reader on hand-written packages in the set-up step's layout. */
class DefaultTaskCorpusTest {
  @TempDir Path cache;

  @Test
  void readsDocumentsSkipsIndexesAndEmptySentences() throws IOException {
    write("[{\"text\": \" Good  food. \", \"class\": 1}, {\"text\": \"\", \"class\": 0}]",
        "{\"text\": \"Call me\\n Ishmael.\"}");
    DefaultTaskCorpus c = DefaultTaskCorpus.load(new DefaultTaskFiles(cache), 0.0);
    // file_list.json (an array of names) is an index, not a document
    assertEquals(java.util.List.of("Call me Ishmael.", "A speech."), c.books());
    assertEquals(java.util.List.of("Good food.", "Good food.", "Good food."), c.trainReviews());
    assertTrue(c.heldoutReviews().isEmpty());
  }

  @Test
  void aReviewWhoseTextIsNotAStringNamesTheFileAndElement() throws IOException {
    write("[{\"text\": \"Fine.\"}, {\"text\": [\"two\", \"parts\"]}]", "{\"text\": \"Call me.\"}");
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> DefaultTaskCorpus.load(new DefaultTaskFiles(cache), 0.1));
    assertTrue(e.getMessage().contains("imdb.json: element 1: expected a string \"text\", found"
        + " \"text\" as a JSON array"), e.getMessage());
  }

  @Test
  void aChapterWithoutTextNamesTheFile() throws IOException {
    write("[{\"text\": \"Fine.\"}]", "{\"title\": \"Loomings\"}");
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> DefaultTaskCorpus.load(new DefaultTaskFiles(cache), 0.1));
    assertTrue(e.getMessage().contains("chapter_1.json: expected a string \"text\", found no"
        + " \"text\""), e.getMessage());
  }

  private void write(String reviews, String chapter) throws IOException {
    Path moby = pkg(DefaultTaskFiles.MOBY_DICK).resolve("data");
    Files.createDirectories(moby);
    Files.writeString(moby.resolve("chapter_1.json"), chapter);
    Files.writeString(moby.resolve("file_list.json"), "[\"chapter_1.txt\"]");
    Path sotu = pkg(DefaultTaskFiles.SOTU).resolve("data");
    Files.createDirectories(sotu);
    Files.writeString(sotu.resolve("1790.json"), "{\"text\": \"A speech.\"}");
    Path fixtures = pkg(DefaultTaskFiles.SENTIMENT).resolve("test/fixtures");
    Files.createDirectories(fixtures);
    for (String name : new String[] {"imdb.json", "amazon.json", "yelp.json"}) {
      Files.writeString(fixtures.resolve(name), name.equals("imdb.json") ? reviews
          : "[{\"text\": \"Good food.\"}]");
    }
  }

  private Path pkg(String name) throws IOException {
    Path p = cache.resolve("npm").resolve(name);
    Files.createDirectories(p);
    Files.writeString(p.resolve(".complete"), "");
    return p;
  }
}
