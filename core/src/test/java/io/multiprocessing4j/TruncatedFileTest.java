package io.multiprocessing4j;

import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.test.ChildJvm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A shared file truncated (to nothing, or past its header) while this JVM has it mapped: fault 3 of issue 19,
 * where a lock's compare-and-set crashed the JVM with SIGBUS and a queue's read surfaced as a raw
 * {@code InternalError}. Each case runs in a JVM of its own ({@link TruncationProgram}), which must live,
 * throw {@code SharedMemoryFaultException} naming the file, and leave the file grown back to its mapped length
 * so that no other process faults on it either. Values and arrays go through the same translation.
 * <p>
 * The lock cases need JDK 21 or later: there the fault in the read before a compare-and-set is thrown at once,
 * while JDK 17 throws it only at a later safepoint, after the compare-and-set has crashed the JVM (the residual
 * risk the README's "How the shared memory is kept safe" states). For the same reason a value's fault on JDK 17
 * may surface as the JDK's own {@code InternalError} after the accessor has returned: there it must not crash,
 * and on JDK 21 and later it must be ours. CI runs this suite on JDK 25 too.
 */
final class TruncatedFileTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @AfterAll
    static void sweep()
    {
        ShmContext.create().close(); // the programs halt without leaving their contexts
    }

    @ParameterizedTest
    @CsvSource({"lock, 0", "lock-waiting, 0", "queue, 0", "queue, 8192", "queue-waiting, 0", "queue-waiting, 8192",
        "pipe-waiting, 0", "event-waiting, 0", "event-set, 0", "semaphore-release, 0", "semaphore-waiting, 0",
            "array, 0", "array, 4096",
        "array-copy, 0", "long-increment, 0", "double-cas, 0"})
    void aTruncatedFileEndsInAnExceptionNotACrash(final String scenario, final long size) throws Exception
    {
        assumeTrue(!scenario.startsWith("lock") || Runtime.version().feature() >= 21,
            "a compare-and-set on a truncated file crashes JDK 17 before the read's fault is thrown");
        try (ChildJvm program = ChildJvm.start(TruncationProgram.class, scenario, Long.toString(size)))
        {
            final String line = program.awaitLine(TIMEOUT);
            assertEquals(0, program.awaitExit(TIMEOUT), () -> "the JVM died: " + line + "\n" + program.stderr());
            final String[] outcome = line.split(" ");
            assertEquals("OK", outcome[0], line);
            if (Runtime.version().feature() < 21 && outcome[1].startsWith("InternalError:"))
            {
                return;
            }
            assertEquals("SharedMemoryFaultException:names-the-file", outcome[1], line);
            assertTrue(Long.parseLong(outcome[2]) > size, "the file was grown back: " + line);
        }
    }
}
