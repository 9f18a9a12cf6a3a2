package io.tether.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tether.core.config.LearnerDevice;
import io.tether.core.config.RunConfig;
import io.tether.core.config.TetherConfig;
import io.tether.core.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import picocli.CommandLine;

/**
 * The Kubernetes manifests and the Dockerfile checked against the build, with no cluster: jar
 * path and name, main class and its command line, JVM flags, the learner's GPU, the run config.
 * Each check is a method over parsed documents; the negative tests feed it a broken copy and
 * expect it to fail, so no check passes vacuously.
 */
class ManifestsTest {
  /** The shaded jar the build produces, relative to the repository root. */
  static final String BUILD_JAR = System.getProperty("tether.app.jar", "deploy/target/tether-app.jar");
  /** Where the image keeps it. */
  static final String IMAGE_JAR = "/opt/tether/tether-app.jar";
  /** Where the pods unpack DJL's natives. */
  static final String POD_DJL_CACHE = "/tmp/djl";
  static final String GPU = "nvidia.com/gpu";

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Path DEPLOY = deployDir();
  private static final Path K8S = DEPLOY.resolve("k8s");
  private static final Path DOCKERFILE = DEPLOY.resolve("docker/Dockerfile");

  // ---- the checks -------------------------------------------------------------------------

  @Test
  void everyManifestParses() throws IOException {
    try (Stream<Path> files = Files.list(K8S)) {
      List<Path> yamls = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      assertTrue(yamls.size() >= 4, "expected the pod templates, SparkApplication and config map in "
          + K8S + ", found " + yamls);
      for (Path p : yamls) {
        List<JsonNode> docs = documents(p);
        assertFalse(docs.isEmpty(), p + ": no YAML document");
        for (JsonNode d : docs) {
          assertTrue(d.hasNonNull("apiVersion") && d.hasNonNull("kind"),
              p + ": every document needs apiVersion and kind, got " + d.fieldNames().next());
        }
      }
    }
  }

  @Test
  void sparkApplicationLaunchesTheBuildsJarAndMainClass() {
    checkSparkApplication(sparkApplication(), configMap());
  }

  @Test
  void dockerfileCopiesTheBuildsJarWhereTheSparkApplicationLooks() {
    checkDockerfile(dockerfile(), sparkApplication());
  }

  @Test
  void driverAndExecutorsGetTheBuildsJvmFlags() {
    checkJvmFlags(sparkApplication(), configMap());
  }

  @Test
  void theLearnerDriverRequestsTheGpuAndExecutorsDoNot() {
    checkGpu(sparkApplication(), podTemplate("driver-pod-template.yaml"),
        podTemplate("executor-pod-template.yaml"));
  }

  @Test
  void podsRunOfflineAndNotAsRoot() {
    checkPodEnvironment(sparkApplication(), podTemplate("driver-pod-template.yaml"),
        podTemplate("executor-pod-template.yaml"));
  }

  @Test
  void theConfigMapLoadsWithTheProjectsConfigLoader() {
    checkRunConfig(configMap(), sparkApplication(), dockerfile());
  }

  // ---- each check can fail ----------------------------------------------------------------

  @Test
  void aWrongMainClassFails() {
    ObjectNode app = sparkApplication();
    spec(app).put("mainClass", "io.tether.deploy.Main");
    assertFails(() -> checkSparkApplication(app, configMap()), "mainClass");
  }

  @Test
  void aWrongJarNameFails() {
    ObjectNode app = sparkApplication();
    spec(app).put("mainApplicationFile", "local:///opt/tether/tether.jar");
    assertFails(() -> checkSparkApplication(app, configMap()), "mainApplicationFile");
    assertFails(() -> checkDockerfile(dockerfile(), app), "mainApplicationFile");
    List<String> docker = new ArrayList<>(dockerfile());
    docker.replaceAll(l -> l.replace("tether-app.jar", "tether-all.jar"));
    assertFails(() -> checkDockerfile(docker, sparkApplication()), "COPY");
  }

  @Test
  void anUnknownSubcommandFails() {
    ObjectNode app = sparkApplication();
    ((ArrayNode) spec(app).get("arguments")).set(0, TextNode.valueOf("train"));
    assertFails(() -> checkSparkApplication(app, configMap()), "arguments");
  }

  @Test
  void aMissingOrExtraJvmFlagFails() {
    for (String key : List.of("spark.driver.extraJavaOptions", "spark.executor.extraJavaOptions")) {
      ObjectNode app = sparkApplication();
      ObjectNode conf = (ObjectNode) spec(app).get("sparkConf");
      conf.put(key, conf.get(key).asText().replace("--add-opens=java.base/java.io=ALL-UNNAMED", ""));
      assertFails(() -> checkJvmFlags(app, configMap()), key);
      ObjectNode extra = sparkApplication();
      ObjectNode conf2 = (ObjectNode) spec(extra).get("sparkConf");
      conf2.put(key, conf2.get(key).asText() + " -Dai.djl.offline=false");
      assertFails(() -> checkJvmFlags(extra, configMap()), key);
    }
    ObjectNode map = configMap();
    String yaml = runYaml(map).replace("-Dio.netty.tryReflectionSetAccessible=true", "");
    ((ObjectNode) map.get("data")).put("run.yaml", yaml);
    assertFails(() -> checkJvmFlags(sparkApplication(), map), "spark.conf");
  }

  @Test
  void aDriverWithoutGpuOrAnExecutorWithOneFails() {
    ObjectNode app = sparkApplication();
    ((ObjectNode) spec(app).get("driver")).remove("gpu");
    assertFails(() -> checkGpu(app, podTemplate("driver-pod-template.yaml"),
        podTemplate("executor-pod-template.yaml")), "spec.driver.gpu");
    ObjectNode driver = podTemplate("driver-pod-template.yaml");
    ((ObjectNode) container(driver).get("resources").get("limits")).remove(GPU);
    assertFails(() -> checkGpu(sparkApplication(), driver,
        podTemplate("executor-pod-template.yaml")), "driver-pod-template.yaml");
    ObjectNode executor = podTemplate("executor-pod-template.yaml");
    container(executor).putObject("resources").putObject("limits").put(GPU, 1);
    assertFails(() -> checkGpu(sparkApplication(), podTemplate("driver-pod-template.yaml"),
        executor), "executor-pod-template.yaml");
  }

  @Test
  void aRootUserOrMissingOptOutFails() {
    List<String> docker = new ArrayList<>(dockerfile());
    docker.replaceAll(l -> l.startsWith("USER ") ? "USER root" : l);
    assertFails(() -> checkDockerfile(docker, sparkApplication()), "USER");
    ObjectNode executor = podTemplate("executor-pod-template.yaml");
    ((ArrayNode) container(executor).get("env")).remove(0);
    assertFails(() -> checkPodEnvironment(sparkApplication(),
        podTemplate("driver-pod-template.yaml"), executor), "OPT_OUT_TRACKING");
  }

  @Test
  void anInvalidOrLocalRunConfigFails() {
    ObjectNode bad = configMap();
    ((ObjectNode) bad.get("data")).put("run.yaml", runYaml(bad) + "rollout:\n  batch_size: 0\n");
    assertFails(() -> checkRunConfig(bad, sparkApplication(), dockerfile()), "run.yaml");
    ObjectNode local = configMap();
    ((ObjectNode) local.get("data")).put("run.yaml",
        runYaml(local).replace("k8s://https://kubernetes.default.svc:443", "\"local[*]\""));
    assertFails(() -> checkRunConfig(local, sparkApplication(), dockerfile()), "spark.master");
    ObjectNode fileStore = configMap();
    ((ObjectNode) fileStore.get("data")).put("run.yaml",
        runYaml(fileStore).replace("hdfs://namenode:8020/tether/ckpt", "/var/tether/ckpt"));
    assertFails(() -> checkRunConfig(fileStore, sparkApplication(), dockerfile()),
        "run.checkpoint_dir");
  }

  // ---- check bodies -----------------------------------------------------------------------

  static void checkSparkApplication(ObjectNode app, ObjectNode configMap) {
    String where = "spark-application.yaml";
    assertEquals("sparkoperator.k8s.io/v1beta2", app.path("apiVersion").asText(),
        where + ": apiVersion");
    JsonNode spec = spec(app);
    assertEquals("Java", spec.path("type").asText(), where + ": spec.type");
    assertEquals("cluster", spec.path("mode").asText(), where + ": spec.mode");
    assertEquals(Tether.class.getName(), spec.path("mainClass").asText(),
        where + ": spec.mainClass must be the CLI's main class");
    assertHasMain(spec.path("mainClass").asText(), where + ": spec.mainClass");
    assertEquals("local://" + IMAGE_JAR, spec.path("mainApplicationFile").asText(),
        where + ": spec.mainApplicationFile must be the jar inside the image");
    assertEquals(fileName(BUILD_JAR), fileName(spec.path("mainApplicationFile").asText()),
        where + ": spec.mainApplicationFile must name the jar the build produces (" + BUILD_JAR
            + ")");
    assertEquals(sparkVersion(), spec.path("sparkVersion").asText(),
        where + ": spec.sparkVersion must be the Spark the build uses");

    List<String> args = new ArrayList<>();
    spec.path("arguments").forEach(a -> args.add(a.asText()));
    assertEquals(3, args.size(), where + ": spec.arguments must be [run, --config, FILE], got "
        + args);
    CommandLine cli = new CommandLine(new Tether());
    CommandLine sub = cli.getSubcommands().get(args.get(0));
    assertNotNull(sub, where + ": spec.arguments[0] " + args.get(0) + " is no tether subcommand"
        + " (known: " + cli.getSubcommands().keySet() + ")");
    assertEquals("run", args.get(0), where + ": spec.arguments[0]");
    assertNotNull(sub.getCommandSpec().findOption(args.get(1)),
        where + ": spec.arguments[1] " + args.get(1) + " is no option of tether run");
    assertEquals("--config", args.get(1), where + ": spec.arguments[1]");

    Path configFile = Path.of(args.get(2));
    String mount = mountPath(spec.path("driver"), "run-config", where + ": spec.driver");
    assertEquals(Path.of(mount), configFile.getParent(), where + ": spec.arguments[2] "
        + configFile + " must lie in the config map's mount (spec.driver.volumeMounts run-config)");
    assertEquals(configMap.path("metadata").path("name").asText(),
        volume(spec, "run-config", where + ": spec").path("configMap").path("name").asText(),
        where + ": spec.volumes run-config must name the config map of run-config.yaml");
    assertTrue(configMap.path("data").has(configFile.getFileName().toString()),
        "run-config.yaml: data has no key " + configFile.getFileName() + " (spec.arguments[2])");
  }

  static void checkDockerfile(List<String> lines, ObjectNode app) {
    Map<String, String> args = new HashMap<>();
    String from = null;
    String copiedFrom = null;
    String user = null;
    Map<String, String> env = new HashMap<>();
    for (String line : lines) {
      String[] w = line.trim().split("\\s+");
      if (w[0].equals("ARG") && w[1].contains("=")) {
        args.put(w[1].substring(0, w[1].indexOf('=')), w[1].substring(w[1].indexOf('=') + 1));
      } else if (w[0].equals("FROM")) {
        from = substitute(w[1], args);
      } else if (w[0].equals("COPY") && substitute(w[w.length - 1], args).equals(IMAGE_JAR)) {
        copiedFrom = substitute(w[w.length - 2], args);
      } else if (w[0].equals("ENV")) {
        for (int i = 1; i < w.length; i++) {
          String[] kv = w[i].split("=", 2);
          env.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
      } else if (w[0].equals("USER")) {
        user = w[1];
      }
    }
    String where = "deploy/docker/Dockerfile";
    assertNotNull(from, where + ": no FROM");
    assertTrue(from.startsWith("apache/spark:" + sparkVersion() + "-"),
        where + ": FROM must be Spark's image of the build's Spark " + sparkVersion() + ", got "
            + from);
    assertEquals(BUILD_JAR, copiedFrom,
        where + ": COPY to " + IMAGE_JAR + " must take the build's jar");
    assertEquals("local://" + IMAGE_JAR, spec(app).path("mainApplicationFile").asText(),
        "spark-application.yaml: spec.mainApplicationFile must be where " + where + " copies the"
            + " jar");
    assertEquals("true", env.get("OPT_OUT_TRACKING"), where + ": ENV OPT_OUT_TRACKING");
    assertEquals(POD_DJL_CACHE, env.get("DJL_CACHE_DIR"), where + ": ENV DJL_CACHE_DIR");
    assertNotNull(user, where + ": no USER: the image would run as the base image's last user");
    assertFalse(user.equals("root") || user.equals("0") || user.startsWith("0:"),
        where + ": USER must not be root, got " + user);
  }

  static void checkJvmFlags(ObjectNode app, ObjectNode configMap) {
    List<String> build = JvmOptions.flags();
    for (String required : List.of("--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED", "-Dio.netty.tryReflectionSetAccessible=true",
        "-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true")) {
      assertTrue(build.contains(required), "the build's jvm.options lacks " + required + ": " + build);
    }
    Set<String> expected = podFlags();
    JsonNode conf = spec(app).path("sparkConf");
    for (String key : List.of("spark.driver.extraJavaOptions", "spark.executor.extraJavaOptions")) {
      assertFlags(expected, conf.path(key).asText(), "spark-application.yaml: spec.sparkConf." + key);
    }
    JsonNode runConf = YAML.valueToTree(config(configMap).spark().conf());
    assertFlags(expected, runConf.path("spark.executor.extraJavaOptions").asText(),
        "run-config.yaml: run.yaml spark.conf.spark.executor.extraJavaOptions");
  }

  static void checkGpu(ObjectNode app, ObjectNode driverTemplate, ObjectNode executorTemplate) {
    JsonNode gpu = spec(app).path("driver").path("gpu");
    assertEquals(GPU, gpu.path("name").asText(), "spark-application.yaml: spec.driver.gpu.name");
    assertTrue(gpu.path("quantity").asInt() >= 1, "spark-application.yaml: spec.driver.gpu.quantity");
    assertTrue(spec(app).path("executor").path("gpu").isMissingNode(),
        "spark-application.yaml: spec.executor.gpu: executors run on CPUs");
    assertTrue(container(driverTemplate).path("resources").path("limits").path(GPU).asInt() >= 1,
        "driver-pod-template.yaml: containers[0].resources.limits." + GPU + " must be >= 1");
    assertTrue(container(executorTemplate).path("resources").path("limits").path(GPU)
        .isMissingNode(), "executor-pod-template.yaml: containers[0].resources.limits." + GPU
            + ": executors run on CPUs");
  }

  static void checkPodEnvironment(ObjectNode app, ObjectNode driverTemplate,
      ObjectNode executorTemplate) {
    Map<String, JsonNode> pods = Map.of(
        "spark-application.yaml: spec.driver", spec(app).path("driver"),
        "spark-application.yaml: spec.executor", spec(app).path("executor"),
        "driver-pod-template.yaml: containers[0]", container(driverTemplate),
        "executor-pod-template.yaml: containers[0]", container(executorTemplate));
    pods.forEach((where, pod) -> {
      assertEquals("true", env(pod, "OPT_OUT_TRACKING"), where + ".env OPT_OUT_TRACKING");
      assertEquals(POD_DJL_CACHE, env(pod, "DJL_CACHE_DIR"), where + ".env DJL_CACHE_DIR");
      assertEquals(POD_DJL_CACHE, mountPath(pod, "djl-cache", where),
          where + ".volumeMounts djl-cache");
    });
    assertEquals("true", spec(app).path("sparkConf").path("spark.executorEnv.OPT_OUT_TRACKING")
        .asText(), "spark-application.yaml: spec.sparkConf.spark.executorEnv.OPT_OUT_TRACKING");
    for (var e : Map.of("spark-application.yaml: spec.driver", spec(app).path("driver"),
        "spark-application.yaml: spec.executor", spec(app).path("executor"),
        "driver-pod-template.yaml: spec", driverTemplate.path("spec"),
        "executor-pod-template.yaml: spec", executorTemplate.path("spec")).entrySet()) {
      JsonNode sc = e.getValue().path("securityContext");
      assertTrue(sc.path("runAsNonRoot").asBoolean(), e.getKey() + ".securityContext.runAsNonRoot");
      assertTrue(sc.path("runAsUser").asInt() > 0, e.getKey() + ".securityContext.runAsUser");
    }
  }

  static void checkRunConfig(ObjectNode configMap, ObjectNode app, List<String> dockerfile) {
    TetherConfig c = config(configMap);
    String where = "run-config.yaml: run.yaml ";
    assertTrue(c.spark().master().startsWith("k8s://"), where + "spark.master must name the"
        + " Kubernetes API (the config's master wins over the operator's), got "
        + c.spark().master());
    assertEquals(LearnerDevice.GPU, c.learner().device(), where + "learner.device");
    JsonNode tree = runTree(configMap);
    String store = tree.path("run").path("checkpoint_dir").asText();
    assertTrue(store.matches("(hdfs|s3a|abfss?|gs|viewfs)://.+"), where + "run.checkpoint_dir must"
        + " be a shared Hadoop URI every executor can read, got \"" + store + "\"");
    String runsMount = mountPath(spec(app).path("driver"), "runs", "spark-application.yaml:"
        + " spec.driver");
    assertTrue(Path.of(c.run().dir()).startsWith(runsMount), where + "run.dir " + c.run().dir()
        + " must lie on the runs volume (" + runsMount + ") so a restarted driver resumes it");
    assertTrue(dockerfile.stream().anyMatch(l -> l.startsWith("COPY ")
        && l.trim().endsWith(" " + c.data().cacheDir() + "/")),
        where + "data.cache_dir " + c.data().cacheDir() + " must be where the Dockerfile puts"
            + " the default task's data");
  }

  // ---- helpers ----------------------------------------------------------------------------

  /** The build's flags as the pods get them: DJL's cache inside the pod, everything else as is. */
  static Set<String> podFlags() {
    Set<String> flags = new LinkedHashSet<>();
    for (String f : JvmOptions.flags()) {
      flags.add(f.startsWith("-DDJL_CACHE_DIR=") ? "-DDJL_CACHE_DIR=" + POD_DJL_CACHE : f);
    }
    flags.add("-DDJL_CACHE_DIR=" + POD_DJL_CACHE);
    return flags;
  }

  private static void assertFlags(Set<String> expected, String actual, String where) {
    Set<String> got = new LinkedHashSet<>(Arrays.asList(actual.trim().split("\\s+")));
    Set<String> missing = new LinkedHashSet<>(expected);
    missing.removeAll(got);
    Set<String> extra = new LinkedHashSet<>(got);
    extra.removeAll(expected);
    if (!missing.isEmpty() || !extra.isEmpty()) {
      fail(where + " must be exactly the build's JVM flags (jvm.options) with -DDJL_CACHE_DIR="
          + POD_DJL_CACHE + "; missing " + missing + ", not in the build " + extra);
    }
  }

  /** Loads run.yaml with ConfigLoader; tolerates run.checkpoint_dir until RunConfig has it. */
  static TetherConfig config(ObjectNode configMap) {
    ObjectNode tree = runTree(configMap);
    boolean known = Arrays.stream(RunConfig.class.getRecordComponents())
        .map(RecordComponent::getName).anyMatch("checkpointDir"::equals);
    if (!known && tree.path("run") instanceof ObjectNode run) {
      run.remove("checkpoint_dir");
    }
    try {
      return ConfigLoader.parse(YAML.writeValueAsString(tree), "run-config.yaml: run.yaml",
          List.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw new AssertionFailedError("run-config.yaml: run.yaml does not load: " + e.getMessage(),
          e);
    }
  }

  private static ObjectNode runTree(ObjectNode configMap) {
    try {
      JsonNode tree = YAML.readTree(runYaml(configMap));
      assertTrue(tree instanceof ObjectNode, "run-config.yaml: run.yaml is not a mapping");
      return (ObjectNode) tree;
    } catch (IOException e) {
      throw new AssertionFailedError("run-config.yaml: run.yaml is not YAML: " + e.getMessage(), e);
    }
  }

  private static String runYaml(ObjectNode configMap) {
    JsonNode text = configMap.path("data").path("run.yaml");
    assertTrue(text.isTextual(), "run-config.yaml: data.run.yaml missing");
    return text.asText();
  }

  static String sparkVersion() {
    try {
      Class<?> pkg = Class.forName("org.apache.spark.package$");
      Object module = pkg.getField("MODULE$").get(null);
      return (String) pkg.getMethod("SPARK_VERSION").invoke(module);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read Spark's version from the classpath", e);
    }
  }

  private static void assertHasMain(String className, String where) {
    try {
      Method main = Class.forName(className).getMethod("main", String[].class);
      assertTrue(Modifier.isStatic(main.getModifiers()), where + ": " + className + ".main is not"
          + " static");
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      fail(where + ": " + className + " is no class with main(String[]) in the build");
    }
  }

  private static String substitute(String text, Map<String, String> args) {
    Matcher m = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)").matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2);
      m.appendReplacement(out, Matcher.quoteReplacement(args.getOrDefault(name, m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String fileName(String pathOrUri) {
    return pathOrUri.substring(pathOrUri.lastIndexOf('/') + 1);
  }

  private static String env(JsonNode container, String name) {
    for (JsonNode e : container.path("env")) {
      if (name.equals(e.path("name").asText())) {
        return e.path("value").asText();
      }
    }
    return null;
  }

  private static String mountPath(JsonNode container, String volume, String where) {
    for (JsonNode m : container.path("volumeMounts")) {
      if (volume.equals(m.path("name").asText())) {
        return m.path("mountPath").asText();
      }
    }
    throw new AssertionFailedError(where + ".volumeMounts has no " + volume);
  }

  private static JsonNode volume(JsonNode spec, String name, String where) {
    for (JsonNode v : spec.path("volumes")) {
      if (name.equals(v.path("name").asText())) {
        return v;
      }
    }
    throw new AssertionFailedError(where + ".volumes has no " + name);
  }

  private static ObjectNode spec(ObjectNode doc) {
    return (ObjectNode) doc.get("spec");
  }

  private static ObjectNode container(ObjectNode pod) {
    JsonNode c = pod.path("spec").path("containers").path(0);
    assertTrue(c instanceof ObjectNode, "pod template without spec.containers[0]");
    return (ObjectNode) c;
  }

  private static void assertFails(Runnable check, String messagePart) {
    AssertionFailedError e = assertThrows(AssertionFailedError.class, check::run,
        "the check should fail on the broken copy (" + messagePart + ")");
    assertTrue(e.getMessage().contains(messagePart),
        "the failure should name " + messagePart + ": " + e.getMessage());
  }

  // ---- reading the files ------------------------------------------------------------------

  static ObjectNode sparkApplication() {
    return kind("spark-application.yaml", "SparkApplication");
  }

  static ObjectNode configMap() {
    return kind("run-config.yaml", "ConfigMap");
  }

  static ObjectNode podTemplate(String file) {
    return kind(file, "Pod");
  }

  static List<String> dockerfile() {
    try {
      return Files.readAllLines(DOCKERFILE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode kind(String file, String kind) {
    List<JsonNode> docs = documents(K8S.resolve(file)).stream()
        .filter(d -> kind.equals(d.path("kind").asText())).toList();
    assertEquals(1, docs.size(), file + ": expected one " + kind + " document");
    return (ObjectNode) docs.get(0);
  }

  static List<JsonNode> documents(Path file) {
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
      List<JsonNode> docs = new ArrayList<>();
      while (it.hasNext()) {
        JsonNode d = it.next();
        if (d != null && !d.isNull() && !d.isMissingNode()) {
          docs.add(d);
        }
      }
      return docs;
    } catch (IOException e) {
      throw new AssertionFailedError(file + ": not YAML: " + e.getMessage(), e);
    }
  }

  /** deploy/ whether the tests run from the module (surefire) or from the repository root. */
  static Path deployDir() {
    Path here = Path.of("").toAbsolutePath();
    for (Path p : List.of(here, here.resolve("deploy"))) {
      if (Files.isDirectory(p.resolve("k8s")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        return p;
      }
    }
    throw new IllegalStateException("cannot find deploy/k8s from " + here);
  }
}
