package io.multiprocessing4j.bench.runner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class BusyLoadTest
{
    @Test
    @Timeout(30)
    void spinsOnACoreUntilClosedThenLeavesNothingRunning() throws Exception
    {
        final List<ProcessHandle> spinners;
        try (BusyLoad ignored = BusyLoad.start(1))
        {
            spinners = ProcessHandle.current().children().toList();
            assertEquals(1, spinners.size(), "one spinning child: " + spinners);
            final long wallStart = System.nanoTime();
            final Duration before = cpu(spinners.get(0));
            Thread.sleep(1_000);
            final double share = (cpu(spinners.get(0)).toNanos() - before.toNanos()) /
                (double)(System.nanoTime() - wallStart);
            assertTrue(share > 0.3, "the spinner used " + share + " of a core");
        }
        assertFalse(spinners.get(0).isAlive());
    }

    @Test
    void theFullRunAddsLoadedRowsThatKeepTheirWorkloadsSides()
    {
        final Map<String, Workload> workloads = SideBySideRunner.workloads();
        for (final String name : SideBySideRunner.LOADED_WORKLOADS)
        {
            final Workload loaded = workloads.get(name + SideBySideRunner.LOADED);
            assertEquals(1, loaded.load(), name);
            assertEquals(0, workloads.get(name).load(), name);
            assertEquals(workloads.get(name).anchors(), loaded.anchors(), name);
            assertEquals(workloads.get(name).pythonCommand(7), loaded.pythonCommand(7), name);
        }
        assertEquals(2, SideBySideRunner.load(new String[] {"--quick", "--load", "2", "queue-1p1c"}));
        assertEquals(0, SideBySideRunner.load(new String[] {"queue-1p1c"}));
        assertThrows(IllegalArgumentException.class, () -> SideBySideRunner.load(new String[] {"--load"}));
        assertThrows(IllegalArgumentException.class, () -> SideBySideRunner.load(new String[] {"--load", "x"}));
    }

    private static Duration cpu(final ProcessHandle process)
    {
        return process.info().totalCpuDuration().orElseThrow();
    }
}
