package io.tether.core.checkpoint;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;

/**
 * Renames with explicit semantics. {@link FileContext#rename} states them (fail if the target
 * exists, or replace it, atomically on HDFS); a file system without a {@code FileContext}
 * binding falls back to {@link FileSystem#rename}, whose behaviour on an existing target varies,
 * so the fallback checks first and, to replace, deletes the target just before renaming.
 */
final class Renamer {
  private static final System.Logger LOG = System.getLogger(Renamer.class.getName());

  private final FileSystem fs;
  private final Configuration conf;
  private boolean useFileContext;
  private FileContext context;

  Renamer(FileSystem fs, Configuration conf, boolean useFileContext) {
    this.fs = fs;
    this.conf = conf;
    this.useFileContext = useFileContext;
  }

  /** Created on first use, so that a store that only reads opens no second client. */
  private synchronized FileContext context() {
    if (context == null && useFileContext) {
      try {
        context = FileContext.getFileContext(fs.getUri(), conf);
      } catch (UnsupportedFileSystemException e) {
        LOG.log(System.Logger.Level.DEBUG, "no FileContext for {0}; plain renames", fs.getUri());
        useFileContext = false;
      }
    }
    return context;
  }

  void renameNew(Path src, Path dst) {
    try {
      FileContext fc = context();
      if (fc != null) {
        fc.rename(src, dst, Options.Rename.NONE);
      } else {
        fallbackRenameNew(src, dst);
      }
    } catch (FileAlreadyExistsException e) {
      throw new CheckpointException(dst + ": already exists (written by another writer?)", e);
    } catch (IOException e) {
      throw CheckpointException.io(src.toString(), "rename to " + dst, e);
    }
  }

  void replace(Path src, Path dst) {
    try {
      FileContext fc = context();
      if (fc != null) {
        fc.rename(src, dst, Options.Rename.OVERWRITE);
      } else {
        fallbackReplace(src, dst);
      }
    } catch (IOException e) {
      throw CheckpointException.io(src.toString(), "rename over " + dst, e);
    }
  }

  private void fallbackRenameNew(Path src, Path dst) throws IOException {
    if (fs.exists(dst)) {
      throw new FileAlreadyExistsException(dst.toString());
    }
    if (!fs.rename(src, dst)) {
      throw new IOException("rename returned false");
    }
  }

  private void fallbackReplace(Path src, Path dst) throws IOException {
    if (fs.rename(src, dst)) {
      return; // the file system replaced dst itself (e.g. a POSIX rename)
    }
    fs.delete(dst, false); // dst is missing only between here and the rename below
    if (!fs.rename(src, dst)) {
      throw new IOException("rename returned false");
    }
  }
}
