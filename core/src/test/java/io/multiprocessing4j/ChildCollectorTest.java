package io.multiprocessing4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A child JVM runs the serial collector unless the options choose one (measured: a pool's workers on G1 mapped ten
 * times slower on this 2-core machine).
 */
final class ChildCollectorTest
{
    static String collectors(final int ignored)
    {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
            .collect(Collectors.joining(","));
    }

    @Test
    @Timeout(120)
    void workersRunTheSerialCollectorUnlessTheContextChoosesAnother() throws Exception
    {
        try (Pool pool = Pool.create(1))
        {
            assertEquals("Copy,MarkSweepCompact", pool.apply(ChildCollectorTest::collectors, 0));
        }
        try (Pool pool = Pool.builder().processes(1)
            .context(Multiprocessing.context(StartMethod.SPAWN).withJvmOptions("-XX:+UseParallelGC")).build())
        {
            final String chosen = pool.apply(ChildCollectorTest::collectors, 0);
            assertTrue(chosen.contains("PS Scavenge"), chosen);
        }
    }
}
