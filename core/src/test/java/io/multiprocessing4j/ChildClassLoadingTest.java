package io.multiprocessing4j;

import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A child whose target captures only plain values (numbers, strings, a record, a shared object) never loads Apache
 * Fory: the codec is loaded in a child only when a value needs it (issue 22). The child's class loading is logged to
 * a file by the JVM itself.
 */
final class ChildClassLoadingTest
{
    record Order(long id, String item)
    {
    }

    static void record(final SharedLong result, final int x, final String text, final Order order)
    {
        result.set(x + text.length() + order.id());
    }

    @Test
    void aChildWithPlainCapturesDoesNotLoadFory(@TempDir final Path directory) throws Exception
    {
        final Path log = directory.resolve("classes.log");
        final ProcessContext context = Multiprocessing.context(StartMethod.SPAWN)
            .withJvmOptions("-Xlog:class+load=info:file=" + log);
        try (ShmContext shm = ShmContext.create(); SharedLong result = SharedLong.create(shm, 0))
        {
            final int x = 40;
            final String text = "ab";
            final Order order = new Order(100, "pen");
            final JvmProcess child = new JvmProcess(() -> record(result, x, text, order)).setContext(context).start();
            assertTrue(child.join(Duration.ofSeconds(60)));
            assertEquals(OptionalInt.of(0), child.exitCode());
            assertEquals(142, result.get());
        }
        final List<String> lines = Files.readAllLines(log);
        assertTrue(lines.stream().anyMatch(line -> line.contains("io.multiprocessing4j.internal.process.ChildMain")),
            "the log names the child's classes");
        final List<String> fory = lines.stream().filter(line -> line.contains("org.apache.fory"))
            .limit(5).collect(Collectors.toList());
        assertFalse(!fory.isEmpty(), "the child loaded Fory: " + fory);
    }
}
