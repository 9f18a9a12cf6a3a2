package io.tether.core.checkpoint;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The few Hadoop {@link FileSystem} operations the store needs, each turning an
 * {@link IOException} into a {@link CheckpointException} that names the path's full URI. Every
 * path given here is already qualified (scheme and authority).
 */
final class HadoopFiles {
  private final FileSystem fs;
  private final Renamer renamer;

  HadoopFiles(FileSystem fs, Configuration conf, boolean useFileContext) {
    this.fs = fs;
    this.renamer = new Renamer(fs, conf, useFileContext);
  }

  static String uri(Path p) {
    return p.toString();
  }

  Optional<FileStatus> status(Path p) {
    try {
      return Optional.of(fs.getFileStatus(p));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw CheckpointException.io(uri(p), "stat", e);
    }
  }

  boolean isFile(Path p) {
    return status(p).map(FileStatus::isFile).orElse(false);
  }

  /** The entries of {@code dir}; none if it does not exist. */
  FileStatus[] list(Path dir) {
    try {
      return fs.listStatus(dir);
    } catch (FileNotFoundException e) {
      return new FileStatus[0];
    } catch (IOException e) {
      throw CheckpointException.io(uri(dir), "list", e);
    }
  }

  /** Creates {@code dir} and its parents, or says which existing ancestor refused. */
  void mkdirs(Path dir) {
    boolean made;
    try {
      made = fs.mkdirs(dir);
    } catch (IOException e) {
      throw new CheckpointException(uri(dir) + ": cannot create directory: "
          + CheckpointException.describe(e) + blockedBy(dir), e);
    }
    if (!made) {
      throw new CheckpointException(uri(dir) + ": cannot create directory" + blockedBy(dir));
    }
  }

  private String blockedBy(Path dir) {
    for (Path p = dir.getParent(); p != null; p = p.getParent()) {
      Optional<FileStatus> st = status(p);
      if (st.isPresent()) {
        return st.get().isDirectory()
            ? "; nearest existing ancestor " + uri(p) + " is not writable (or the file system is full)"
            : "; " + uri(p) + " is a file, not a directory";
      }
    }
    return "";
  }

  /** A new file; fails if it exists. */
  OutputStream create(Path file) {
    try {
      return fs.create(file, false);
    } catch (IOException e) {
      throw CheckpointException.io(uri(file), "create", e);
    }
  }

  InputStream open(Path file) {
    try {
      return fs.open(file);
    } catch (FileNotFoundException e) {
      throw new CheckpointException(uri(file) + ": missing", e);
    } catch (IOException e) {
      throw CheckpointException.io(uri(file), "open", e);
    }
  }

  void writeString(Path file, String text) {
    try (OutputStream out = create(file)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw CheckpointException.io(uri(file), "write", e);
    }
  }

  /** The content of a small text file; empty if it does not exist. */
  Optional<String> readString(Path file) {
    try (InputStream in = fs.open(file)) {
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw CheckpointException.io(uri(file), "read", e);
    }
  }

  /** Deletes a file or a whole directory; nothing if it is absent. */
  void delete(Path p) {
    try {
      fs.delete(p, true);
    } catch (FileNotFoundException e) {
      // already gone
    } catch (IOException e) {
      throw CheckpointException.io(uri(p), "delete", e);
    }
  }

  /** Moves {@code src} to {@code dst}; fails if {@code dst} exists. */
  void renameNew(Path src, Path dst) {
    renamer.renameNew(src, dst);
  }

  /** Moves {@code src} over {@code dst}, atomically where the file system can. */
  void replace(Path src, Path dst) {
    renamer.replace(src, dst);
  }
}
