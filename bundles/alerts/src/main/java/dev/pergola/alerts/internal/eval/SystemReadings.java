package dev.pergola.alerts.internal.eval;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.FileStore;
import java.nio.file.Path;
import java.util.OptionalDouble;

/** The JVM's heap and the data disk, read directly: these built-in rules work without the metrics bundle. */
public class SystemReadings {
    private final Path dataDirectory;

    public SystemReadings(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    /** Heap used as a percentage of the maximum heap. */
    public OptionalDouble heapUsedPercent() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
        return max <= 0 ? OptionalDouble.empty() : OptionalDouble.of(100.0 * heap.getUsed() / max);
    }

    /** Space used as a percentage of the file system holding Karaf's data directory. */
    public OptionalDouble diskUsedPercent() {
        try {
            FileStore store = Files.getFileStore(dataDirectory);
            long total = store.getTotalSpace();
            return total <= 0 ? OptionalDouble.empty()
                    : OptionalDouble.of(100.0 * (total - store.getUsableSpace()) / total);
        } catch (IOException | SecurityException e) {
            return OptionalDouble.empty();
        }
    }
}
