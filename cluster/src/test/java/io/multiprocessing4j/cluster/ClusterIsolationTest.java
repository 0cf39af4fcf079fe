package io.multiprocessing4j.cluster;

import io.multiprocessing4j.Pool;
import io.multiprocessing4j.WorkerDiedException;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * An isolated member runs chunks in a local pool of child JVMs: a chunk that halts its JVM fails with
 * {@link WorkerDiedException}, and the member, and the pool, go on.
 */
class ClusterIsolationTest
{
    @Test
    void aChunkThatHaltsItsJvmFailsAloneOnAnIsolatedMember() throws Exception
    {
        try (LocalCluster cluster = LocalCluster.start("isolation-test", 1, true);
             Pool pool = ClusterPool.connect(cluster.config(0)))
        {
            ClusterPoolTest.awaitMembers(pool, 1);
            final List<Long> member = pool.workerPids();
            final Set<Long> ran = new HashSet<>(pool.map((Integer x) -> ProcessHandle.current().pid(),
                IntStream.range(0, 20).boxed().collect(Collectors.toList()), 2));
            assertFalse(ran.contains(member.get(0)), "chunks ran in the member's own JVM: " + ran);

            final ExecutionException failed = assertThrows(ExecutionException.class, () -> pool.mapAsync(
                (Integer x) ->
                {
                    if (3 == x)
                    {
                        Runtime.getRuntime().halt(3);
                    }
                    return x;
                }, IntStream.range(0, 8).boxed().collect(Collectors.toList()), 1).get(120, TimeUnit.SECONDS));
            assertInstanceOf(WorkerDiedException.class, failed.getCause());

            assertEquals(member, pool.workerPids(), "the member lived on");
            assertEquals(List.of(1, 4, 9), pool.map(x -> x * x, List.of(1, 2, 3)));
            assertArrayEquals(new int[] {2, 4}, pool.map(x -> 2 * x, new int[] {1, 2}));
        }
    }
}
