package io.multiprocessing4j.samples;

import io.multiprocessing4j.shm.test.ChildJvm;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each sample runs in its own JVM, as a user runs it, and prints what its seed prints.
 */
class SamplesTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void seed004ValueAndArray() throws Exception
    {
        assertEquals(List.of(
            "Result(in process p1): [1, 4, 9, 16]",
            "Sum of squares(in process p1): 30",
            "Result(in main program): [1, 4, 9, 16]",
            "Sum of squares(in main program): 30"), run("value-array"));
    }

    private static List<String> run(final String sample) throws Exception
    {
        try (ChildJvm jvm = ChildJvm.start(Samples.class, sample))
        {
            assertEquals(0, jvm.awaitExit(TIMEOUT), jvm::stderr);
            return jvm.remainingStdout();
        }
    }
}
