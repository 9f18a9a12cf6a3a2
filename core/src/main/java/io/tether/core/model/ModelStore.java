package io.tether.core.model;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import io.tether.core.checkpoint.Checkpoint;
import io.tether.core.checkpoint.CheckpointWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A model inside a checkpoint: {@code model.json} (the spec) and {@code model.params} (the
 * parameters). The checkpoint store supplies versioning, checksums and the atomic LATEST pointer.
 */
public final class ModelStore {
  public static final String SPEC_FILE = "model.json";
  public static final String PARAMS_FILE = "model.params";

  private ModelStore() {}

  /** Adds the model's two files to an open checkpoint writer (the caller commits). */
  public static void write(CheckpointWriter writer, GptModel model) {
    writer.putString(SPEC_FILE, ModelIo.specJson(model.spec()));
    try (OutputStream out = writer.create(PARAMS_FILE)) {
      ModelIo.writeParameters(model.parameters(), out);
    } catch (IOException e) {
      throw new UncheckedIOException(writer.uri() + "/" + PARAMS_FILE + ": " + e.getMessage(), e);
    }
  }

  /** The spec stored in a checkpoint. */
  public static ModelSpec spec(Checkpoint checkpoint) {
    return ModelIo.parseSpec(checkpoint.readString(SPEC_FILE), checkpoint.uri() + "/" + SPEC_FILE);
  }

  /** Loads the checkpoint's model; errors name the file. */
  public static GptModel read(Checkpoint checkpoint, DataType dtype, Device device) {
    ModelSpec spec = spec(checkpoint);
    String source = checkpoint.uri() + "/" + PARAMS_FILE;
    try (InputStream in = checkpoint.open(PARAMS_FILE)) {
      return ModelIo.read(spec, in, source, dtype, device);
    } catch (IOException e) {
      throw new ModelFormatException(source + ": " + e.getMessage(), e);
    }
  }

  /** Loads the checkpoint's model and checks it has the expected spec (e.g. a resumed run). */
  public static GptModel read(Checkpoint checkpoint, ModelSpec expected, DataType dtype,
      Device device) {
    ModelSpec found = spec(checkpoint);
    if (!found.equals(expected)) {
      throw new ModelFormatException(checkpoint.uri() + "/" + SPEC_FILE + ": holds " + found
          + " but " + expected + " was expected (a checkpoint of another model size?)");
    }
    return read(checkpoint, dtype, device);
  }
}
