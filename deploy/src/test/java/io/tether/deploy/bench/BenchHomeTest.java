package io.tether.deploy.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmarks have one home, {@code io.tether.deploy.bench}, and no product code depends on
 * it: in the main source tree of every module, only the bench package itself and the commands
 * that run it name the package, and no other package is called {@code bench}.
 */
class BenchHomeTest {
  private static final String HOME = "io.tether.deploy.bench";
  private static final Path HOME_DIR = Path.of("io", "tether", "deploy", "bench");
  /** The commands that run a benchmark: {@code tether bench} and {@code tether roofline}. */
  private static final Set<String> ENTRY_POINTS = Set.of("BenchCommand.java",
      "RooflineCommand.java");

  @Test
  void noProductCodeOutsideTheHomeNamesItAndNoOtherPackageIsABench() {
    Path root = projectRoot();
    assertTrue(mainSources(root).count() > 100, "found the sources under " + root);
    assertEquals(List.of(), offenders(root));
  }

  @Test
  void aPlantedReferenceOrASecondBenchPackageIsFound(@TempDir Path root) throws IOException {
    Path core = root.resolve("core/src/main/java/io/tether/core");
    Files.createDirectories(core.resolve("bench"));
    Files.writeString(core.resolve("Uses.java"),
        "package io.tether.core;\nclass Uses { io.tether.deploy.bench.Sample s; }\n");
    Files.writeString(core.resolve("bench/Old.java"), "package io.tether.core.bench;\n");
    Path deploy = root.resolve("deploy/src/main/java/io/tether/deploy");
    Files.createDirectories(deploy.resolve("bench"));
    Files.writeString(deploy.resolve("BenchCommand.java"), "import " + HOME + ".Sample;\n");
    Files.writeString(deploy.resolve("bench/Sample.java"), "package " + HOME + ";\n");
    assertEquals(List.of("core/src/main/java/io/tether/core/Uses.java names " + HOME,
        "core/src/main/java/io/tether/core/bench/Old.java is a second bench package"),
        offenders(root));
  }

  /** Each main source file that breaks the rule, with why, relative to {@code root}. */
  static List<String> offenders(Path root) {
    return mainSources(root).sorted().flatMap(f -> {
      Path pkg = packageDir(f);
      String name = root.relativize(f).toString().replace('\\', '/');
      if (pkg.endsWith(HOME_DIR)) {
        return Stream.empty();
      }
      if (pkg.getFileName() != null && pkg.getFileName().toString().equals("bench")) {
        return Stream.of(name + " is a second bench package");
      }
      boolean entry = ENTRY_POINTS.contains(f.getFileName().toString());
      return !entry && read(f).contains(HOME) ? Stream.of(name + " names " + HOME)
          : Stream.empty();
    }).toList();
  }

  /** Every {@code .java} file under {@code <module>/src/main/java}. */
  private static Stream<Path> mainSources(Path root) {
    try (Stream<Path> modules = Files.list(root)) {
      return modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory)
          .flatMap(BenchHomeTest::javaFiles).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Stream<Path> javaFiles(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.toString().endsWith(".java")).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file's folder below {@code src/main/java}. */
  private static Path packageDir(Path file) {
    Path p = file.getParent();
    while (p != null && !p.endsWith(Path.of("src", "main", "java"))) {
      p = p.getParent();
    }
    return p == null ? file.getParent() : p.relativize(file.getParent());
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The reactor root: the first folder up from the module's that holds a parent pom. */
  private static Path projectRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !(Files.isRegularFile(p.resolve("pom.xml"))
        && Files.isDirectory(p.resolve("core")))) {
      p = p.getParent();
    }
    assertTrue(p != null, "no project root above " + Path.of("").toAbsolutePath());
    return p;
  }
}
