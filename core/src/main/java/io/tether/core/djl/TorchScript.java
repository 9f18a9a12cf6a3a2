package io.tether.core.djl;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Compiles a TorchScript module from source text held in this project, so that code can reach
 * PyTorch operators DJL does not bind and run many of them in one native call.
 *
 * <p>The module is written as the archive {@code torch.jit.load} reads: a zip (entries stored,
 * not deflated) with {@code code/__torch__.py} (the class, in TorchScript's serialized-code
 * syntax), {@code data.pkl} (the module object: a pickled {@code __torch__.<Class>} with {@code
 * training = False} and no parameters), {@code constants.pkl} (an empty tuple) and {@code version}.
 * Loading it compiles the source; a syntax or type error surfaces then, with the class named.
 */
public final class TorchScript {
  private static final int PROTOCOL = 2;

  private TorchScript() {}

  /**
   * Compiles {@code source}, which must define {@code class <className>(Module)}, into a module
   * owned by {@code manager}.
   *
   * @throws IllegalArgumentException if PyTorch rejects the source; the message carries its reason
   */
  public static PtSymbolBlock compile(NDManager manager, String className, String source) {
    DjlRuntime.engine();
    byte[] zip = archive(className, source);
    try {
      return JniUtils.loadModule((PtNDManager) manager, new ByteArrayInputStream(zip), false,
          false);
    } catch (EngineException e) {
      throw new IllegalArgumentException(
          "TorchScript class " + className + " does not compile: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The archive bytes for one module class (package-private for tests). */
  static byte[] archive(String className, String source) {
    if (!className.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("not a class name: '" + className + "'");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String root = className.toLowerCase(Locale.ROOT) + "/";
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      stored(zip, root + "data.pkl", moduleObject(className));
      stored(zip, root + "code/__torch__.py", source.getBytes(StandardCharsets.UTF_8));
      stored(zip, root + "constants.pkl", new byte[] {(byte) 0x80, PROTOCOL, ')', '.'});
      stored(zip, root + "version", "3\n".getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Pickle (protocol 2) of {@code __torch__.<className>()} with state {@code {"training":
   * False}}: PROTO, GLOBAL, EMPTY_TUPLE, NEWOBJ, EMPTY_DICT, MARK, BINUNICODE key, NEWFALSE,
   * SETITEMS, BUILD, STOP.
   */
  private static byte[] moduleObject(String className) {
    ByteArrayOutputStream p = new ByteArrayOutputStream();
    p.write(0x80);
    p.write(PROTOCOL);
    p.writeBytes(("c__torch__\n" + className + "\n").getBytes(StandardCharsets.US_ASCII));
    p.write(')');
    p.write(0x81);
    p.write('}');
    p.write('(');
    byte[] key = "training".getBytes(StandardCharsets.UTF_8);
    p.write('X');
    p.writeBytes(new byte[] {(byte) key.length, 0, 0, 0});
    p.writeBytes(key);
    p.write(0x89);
    p.write('u');
    p.write('b');
    p.write('.');
    return p.toByteArray();
  }

  private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setMethod(ZipEntry.STORED);
    e.setSize(data.length);
    e.setCompressedSize(data.length);
    CRC32 crc = new CRC32();
    crc.update(data);
    e.setCrc(crc.getValue());
    zip.putNextEntry(e);
    zip.write(data);
    zip.closeEntry();
  }
}
