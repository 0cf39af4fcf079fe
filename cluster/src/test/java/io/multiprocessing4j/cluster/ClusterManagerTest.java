package io.multiprocessing4j.cluster;

import io.multiprocessing4j.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shared objects across a cluster of two member JVMs: pool tasks on the members and the driver see the same dict,
 * list and queue by name; a lock held by a task on a member that is killed is released.
 */
class ClusterManagerTest
{
    private static LocalCluster cluster;
    private static Pool pool;
    private static ClusterManager manager;

    @BeforeAll
    static void startCluster() throws InterruptedException
    {
        cluster = LocalCluster.start("manager-test", 2);
        pool = ClusterPool.connect(cluster.config(0));
        ClusterPoolTest.awaitMembers(pool, 2);
        manager = ClusterManager.connect(cluster.config(0));
    }

    @AfterAll
    static void stopCluster()
    {
        if (null != manager)
        {
            manager.close();
        }
        if (null != pool)
        {
            pool.close();
        }
        if (null != cluster)
        {
            cluster.close();
        }
    }

    @Test
    void tasksOnMembersAndTheDriverShareADictAListAndAQueueByName() throws Exception
    {
        pool.map((Integer i) ->
        {
            final ClusterManager here = ClusterManager.onMember();
            here.<Integer, Long>dict("squares").put(i, (long)i * i);
            here.<Integer>list("seen").add(i);
            here.<String>queue("done").put("task " + i);
            return i;
        }, IntStream.range(0, 40).boxed().collect(Collectors.toList()), 3);

        final ConcurrentMap<Integer, Long> squares = manager.dict("squares");
        assertEquals(40, squares.size());
        assertEquals(81L, squares.get(9));
        assertEquals(IntStream.range(0, 40).boxed().collect(Collectors.toSet()),
            manager.<Integer>list("seen").stream().collect(Collectors.toSet()));
        final BlockingQueue<String> done = manager.queue("done");
        for (int i = 0; i < 40; i++)
        {
            assertTrue(done.poll(10, TimeUnit.SECONDS).startsWith("task "));
        }
        assertEquals(null, done.poll(10, TimeUnit.MILLISECONDS));

        // merge is atomic across processes: 200 increments from tasks on both members
        pool.map((Integer i) -> ClusterManager.onMember().<String, Integer>dict("counter").merge("n", 1, Integer::sum),
            IntStream.range(0, 200).boxed().collect(Collectors.toList()), 5);
        assertEquals(200, manager.<String, Integer>dict("counter").get("n"));
    }

    @Test
    void aLockHeldByAKilledMembersTaskIsReleased() throws Exception
    {
        final Lock lock = manager.lock("exclusive");
        assertTrue(lock.tryLock(10, TimeUnit.SECONDS));
        lock.unlock();

        try (LocalCluster own = LocalCluster.start("lock-test", 1);
             Pool holder = ClusterPool.connect(own.config(0));
             ClusterManager driver = ClusterManager.connect(own.config(0)))
        {
            ClusterPoolTest.awaitMembers(holder, 1);
            holder.applyAsync((Integer ignored) ->
            {
                ClusterManager.onMember().lock("exclusive").lock();
                ClusterManager.onMember().<String>queue("held").put("yes");
                Thread.sleep(Long.MAX_VALUE);
                return 0;
            }, 0);
            assertEquals("yes", driver.<String>queue("held").poll(60, TimeUnit.SECONDS));
            final Lock contended = driver.lock("exclusive");
            assertFalse(contended.tryLock(200, TimeUnit.MILLISECONDS), "the task holds it");
            own.addMember(); // a second member keeps the cluster's data when the first dies
            ClusterPoolTest.awaitMembers(holder, 2);
            own.member(0).kill();
            assertTrue(contended.tryLock(30, TimeUnit.SECONDS), "the dead member's lock was not released");
            contended.unlock();
        }
    }

    @Test
    void badNamesAndAnotherProcessesUnlockAreRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> manager.dict(" "));
        assertThrows(IllegalArgumentException.class, () -> manager.lock("mp4j-locks"));
        assertThrows(IllegalStateException.class, ClusterManager::onMember);
        assertThrows(IllegalMonitorStateException.class, () -> manager.lock("never-held").unlock());
        assertThrows(UnsupportedOperationException.class, () -> manager.lock("x").newCondition());
        assertEquals(List.of(), manager.list("empty"));
    }
}
