package io.tether.rollout;

import ai.djl.ndarray.types.DataType;
import io.tether.core.checkpoint.CheckpointStore;
import io.tether.core.model.GptModel;
import io.tether.core.model.ModelStore;
import io.tether.core.time.Ticker;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;

/**
 * The models of one executor JVM, loaded once per version and shared by its task threads. When
 * a newer version of a role is loaded, older versions of that role are closed. Loads and load
 * time are counted so that a stage can report them. Models are cached by {@link ModelRef} alone:
 * a store URI and version name the same bytes whatever configuration opens them, and the first
 * load of a ref reads through the Hadoop configuration of the run that asked for it.
 */
public final class ExecutorModels {
  private static final Map<ModelRef, GptModel> MODELS = new ConcurrentHashMap<>();
  private static final AtomicLong LOADS = new AtomicLong();
  private static final AtomicLong LOAD_NANOS = new AtomicLong();

  private ExecutorModels() {}

  /**
   * The model at {@code ref}, loaded on first use in this JVM through {@code hadoop} (the run's
   * Hadoop configuration, as the driver shipped it); {@code ticker} times the load.
   */
  public static GptModel get(ModelRef ref, Configuration hadoop, Ticker ticker) {
    GptModel m = MODELS.get(ref);
    if (m != null) {
      return m;
    }
    synchronized (ExecutorModels.class) {
      m = MODELS.get(ref);
      if (m == null) {
        long start = ticker.nanos();
        CheckpointStore store = new CheckpointStore(hadoop, ref.storeUri());
        m = ModelStore.read(store.open(ref.role(), ref.version()), DataType.FLOAT32, null);
        LOAD_NANOS.addAndGet(ticker.nanos() - start);
        LOADS.incrementAndGet();
        evictOlder(ref);
        MODELS.put(ref, m);
      }
      return m;
    }
  }

  private static void evictOlder(ModelRef ref) {
    MODELS.entrySet().removeIf(e -> {
      ModelRef k = e.getKey();
      boolean stale = k.storeUri().equals(ref.storeUri()) && k.role().equals(ref.role())
          && k.version() < ref.version();
      if (stale) {
        e.getValue().close();
      }
      return stale;
    });
  }

  /** Models loaded by this JVM so far. */
  public static long loads() {
    return LOADS.get();
  }

  /** Nanoseconds this JVM spent loading models. */
  public static long loadNanos() {
    return LOAD_NANOS.get();
  }
}
