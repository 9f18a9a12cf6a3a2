package io.tether.core.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.core.config.BadLinePolicy;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads JSON Lines from any Hadoop path (a file, or a directory whose visible files are read in
 * name order). Blank lines are ignored. A line that is not UTF-8, not a JSON object, or rejected
 * by the mapper either stops the read with {@code file:line[:column]: reason} or is skipped and
 * counted, as the {@link BadLinePolicy} says.
 */
public final class JsonlReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int LOGGED_ERRORS = 10;

  /** Turns one JSON object into a record; throws {@link BadRecordException} when it can't. */
  @FunctionalInterface
  public interface RecordMapper<T> {
    T map(JsonNode object);
  }

  /**
   * Like {@link RecordMapper}, also given the record's index: the number of non-blank lines
   * before it (over all files, bad ones included), a stable id for the record.
   */
  @FunctionalInterface
  public interface IndexedMapper<T> {
    T map(JsonNode object, long index);
  }

  /**
   * What a read produced.
   *
   * @param records the good records, in file and line order
   * @param lines non-blank lines seen
   * @param skipped bad lines skipped (always 0 under {@link BadLinePolicy#FAIL})
   * @param firstErrors the first few skipped lines' messages
   */
  public record Result<T>(List<T> records, long lines, long skipped, List<String> firstErrors) {}

  private final Configuration conf;
  private final BadLinePolicy policy;

  public JsonlReader(Configuration conf, BadLinePolicy policy) {
    this.conf = conf;
    this.policy = policy;
  }

  /** Reads every record under {@code pathOrUri}. */
  public <T> Result<T> read(String pathOrUri, RecordMapper<T> mapper) {
    return readIndexed(pathOrUri, (o, i) -> mapper.map(o));
  }

  /** Reads every record under {@code pathOrUri}, passing each its stable index. */
  public <T> Result<T> readIndexed(String pathOrUri, IndexedMapper<T> mapper) {
    List<T> records = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    long[] counts = new long[2];
    for (Path file : files(pathOrUri)) {
      readFile(file, mapper, records::add, error -> {
        counts[1]++;
        if (errors.size() < LOGGED_ERRORS) {
          errors.add(error);
        }
      }, counts);
    }
    return new Result<>(records, counts[0], counts[1], List.copyOf(errors));
  }

  private List<Path> files(String pathOrUri) {
    Path path = new Path(pathOrUri);
    try {
      FileSystem fs = path.getFileSystem(conf);
      FileStatus status = fs.getFileStatus(path);
      if (!status.isDirectory()) {
        return List.of(status.getPath());
      }
      return Arrays.stream(fs.listStatus(path))
          .filter(s -> s.isFile() && !s.getPath().getName().startsWith(".")
              && !s.getPath().getName().startsWith("_"))
          .map(FileStatus::getPath)
          .sorted()
          .toList();
    } catch (java.io.FileNotFoundException e) {
      throw new DataFormatException(pathOrUri + ": no such file or directory", e);
    } catch (IOException e) {
      throw new DataFormatException(pathOrUri + ": cannot list: " + e.getMessage(), e);
    }
  }

  private <T> void readFile(Path file, IndexedMapper<T> mapper, Consumer<T> out,
      Consumer<String> bad, long[] counts) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try (InputStream in = new BufferedInputStream(file.getFileSystem(conf).open(file), 1 << 16)) {
      ByteArrayOutputStream lineBytes = new ByteArrayOutputStream(256);
      long lineNo = 0;
      boolean more = true;
      while (more) {
        more = readLine(in, lineBytes);
        if (!more && lineBytes.size() == 0) {
          return;
        }
        lineNo++;
        String line;
        try {
          line = decoder.decode(withoutCarriageReturn(lineBytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
          counts[0]++; // a record all the same: later records keep their index
          fail(file + ":" + lineNo + ": not valid UTF-8", bad);
          continue;
        }
        if (line.isBlank()) {
          continue;
        }
        long index = counts[0]++;
        T record = parse(file, lineNo, line, o -> mapper.map(o, index), bad);
        if (record != null) {
          out.accept(record);
        }
      }
    } catch (IOException e) {
      throw new DataFormatException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static ByteBuffer withoutCarriageReturn(byte[] bytes) {
    int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
    return ByteBuffer.wrap(bytes, 0, n);
  }

  /** Reads up to the next newline into {@code line} (cleared first); false at end of input. */
  private static boolean readLine(InputStream in, ByteArrayOutputStream line) throws IOException {
    line.reset();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        return true;
      }
      line.write(b);
    }
    return false;
  }

  private <T> T parse(Path file, long lineNo, String line, RecordMapper<T> mapper,
      Consumer<String> bad) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String col = loc == null ? "" : ":" + loc.getColumnNr();
      fail(file + ":" + lineNo + col + ": not valid JSON: " + e.getOriginalMessage(), bad);
      return null;
    }
    if (node == null || !node.isObject()) {
      fail(file + ":" + lineNo + ": expected a JSON object, got " + preview(line), bad);
      return null;
    }
    try {
      return mapper.map(node);
    } catch (BadRecordException e) {
      fail(file + ":" + lineNo + ": " + e.getMessage(), bad);
      return null;
    }
  }

  private void fail(String message, Consumer<String> bad) {
    if (policy == BadLinePolicy.FAIL) {
      throw new DataFormatException(message + " (data.bad_lines: skip to skip such lines)");
    }
    bad.accept(message);
  }

  private static String preview(String line) {
    return line.length() <= 40 ? line : line.substring(0, 40) + "...";
  }

  /** The text of a required string field, or a {@link BadRecordException} naming it. */
  public static String requireText(JsonNode object, String field) {
    JsonNode v = object.get(field);
    if (v == null) {
      throw new BadRecordException("missing field \"" + field + "\"");
    }
    if (!v.isTextual()) {
      throw new BadRecordException("field \"" + field + "\" must be a string, got " + v.getNodeType());
    }
    return v.textValue();
  }
}
