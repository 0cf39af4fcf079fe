package io.multiprocessing4j.cluster.internal;

import com.hazelcast.client.impl.clientside.HazelcastClientProxy;
import com.hazelcast.client.impl.connection.ClientConnectionManager;
import com.hazelcast.cluster.Member;
import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.cluster.LocalCluster;
import io.multiprocessing4j.function.PoolFunction;
import io.multiprocessing4j.internal.pool.PoolFacades;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A driver whose connection to a member drops while the cluster keeps the member (a network blip; here the test
 * closes the client's connection): the chunks the member held are retried on the other, and the member is
 * challenged again and runs chunks once more, instead of being lost to the pool for good.
 */
class ClusterReconnectTest
{
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aMemberWhoseConnectionDroppedIsAdmittedAgain() throws Exception
    {
        final PoolFunction<Integer, Long> slowPid = x ->
        {
            Thread.sleep(20);
            return ProcessHandle.current().pid();
        };
        final List<Integer> numbers = IntStream.range(0, 100).boxed().collect(Collectors.toList());
        try (LocalCluster cluster = LocalCluster.start("reconnect-test", 2))
        {
            final ClusterEngine engine = ClusterEngine.connect(cluster.config(1));
            try (Pool pool = PoolFacades.pool(engine))
            {
                final HashSet<Long> members = awaitMembers(engine, 2);
                final ClientConnectionManager connections =
                    ((HazelcastClientProxy)engine.client()).client.getConnectionManager();
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (connections.getActiveConnections().size() < 2) // until then, calls to one go through the other
                {
                    assertTrue(System.nanoTime() < deadline, "the driver connected to both members");
                    Thread.sleep(20);
                }
                final CountDownLatch underWay = new CountDownLatch(1);
                final AsyncResult<List<Long>> map = pool.mapAsync(slowPid, numbers, 1)
                    .onProgress((done, total) ->
                    {
                        if (done >= 10)
                        {
                            underWay.countDown();
                        }
                    });
                assertTrue(underWay.await(60, TimeUnit.SECONDS), "the map got under way: " + pool);
                final Member dropped = engine.client().getCluster().getMembers().iterator().next();
                connections.getActiveConnection(dropped.getUuid()).close("the test drops its connection", null);

                assertEquals(numbers.size(), map.get(60, TimeUnit.SECONDS).size(),
                    "the chunks the member held were retried");
                assertTrue(engine.client().getCluster().getMembers().contains(dropped), "the member stayed");
                assertEquals(members, awaitMembers(engine, 2), "the member was admitted again: " + pool);
                assertEquals(members, new HashSet<>(pool.mapAsync(slowPid, numbers, 1).get(60, TimeUnit.SECONDS)),
                    "both members run chunks again");
            }
        }
    }

    private static HashSet<Long> awaitMembers(final ClusterEngine engine, final int members)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (engine.workerPids().size() < members)
        {
            assertTrue(System.nanoTime() < deadline, "only " + engine.workerPids() + " admitted: " + engine);
            Thread.sleep(50);
        }
        return new HashSet<>(engine.workerPids());
    }
}
