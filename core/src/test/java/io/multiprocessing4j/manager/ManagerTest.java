package io.multiprocessing4j.manager;

import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.codec.CodecException;
import org.junit.jupiter.api.Test;

import java.io.DataOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Manager} with a real manager JVM and real client JVMs.
 */
final class ManagerTest
{
    private static final Duration JOIN = Duration.ofSeconds(60);

    /**
     * A registered type's interface; its implementation lives in the manager.
     */
    public interface Counter
    {
        int increment();

        int value();

        default int incrementTwice()
        {
            increment();
            return increment();
        }
    }

    public static final class SimpleCounter implements Counter
    {
        private final AtomicInteger count = new AtomicInteger();

        public int increment()
        {
            return count.incrementAndGet();
        }

        public int value()
        {
            return count.get();
        }
    }

    private static Map.Entry<String, Integer> entry(final String name, final int score)
    {
        return new AbstractMap.SimpleImmutableEntry<>(name, score);
    }

    private static void joinOk(final JvmProcess process) throws InterruptedException
    {
        assertTrue(process.join(JOIN), process + " did not end");
        assertEquals(OptionalInt.of(0), process.exitCode(), () -> process + " failed: " + process.exception());
    }

    static void insertRecord(final Map.Entry<String, Integer> record, final List<Map.Entry<String, Integer>> records)
    {
        records.add(record);
    }

    static void printRecords(final List<Map.Entry<String, Integer>> records, final ManagedValue<String> out)
    {
        final StringBuilder text = new StringBuilder();
        for (final Map.Entry<String, Integer> record : records)
        {
            text.append(record.getKey()).append('=').append(record.getValue()).append(' ');
        }
        out.set(text.toString().trim());
    }

    @Test
    void seed004RecordsAddedByOneProcessAreSeenByAnother() throws Exception
    {
        try (Manager manager = Manager.start())
        {
            final ManagedList<Map.Entry<String, Integer>> records =
                manager.list(List.of(entry("Sam", 10), entry("Adam", 9), entry("Kevin", 9)));
            final ManagedValue<String> seen = manager.value("");
            final JvmProcess p1 = new JvmProcess(() -> insertRecord(entry("Jeff", 8), records)).start();
            joinOk(p1);
            final JvmProcess p2 = new JvmProcess(() -> printRecords(records, seen)).start();
            joinOk(p2);
            assertEquals("Sam=10 Adam=9 Kevin=9 Jeff=8", seen.get());
            assertEquals(4, records.size());
            assertEquals(entry("Jeff", 8), records.get(3));
        }
    }

    static void countUnderLock(final ManagedLock lock, final ManagedDict<String, Integer> dict,
        final ManagedNamespace namespace, final int times)
    {
        for (int i = 0; i < times; i++)
        {
            lock.lock();
            try
            {
                dict.put("count", dict.get("count") + 1);
                namespace.set("count", namespace.<Integer>get("count") + 1);
            }
            finally
            {
                lock.unlock();
            }
            dict.merge("merged", 1, Integer::sum);
        }
    }

    @Test
    void aDictAndANamespaceSharedByFourProcessesReachAnExactCountUnderAManagerLock() throws Exception
    {
        try (Manager manager = Manager.start())
        {
            final ManagedLock lock = manager.lock();
            final ManagedDict<String, Integer> dict = manager.dict(Map.of("count", 0));
            final ManagedNamespace namespace = manager.namespace();
            namespace.set("count", 0);
            final List<JvmProcess> processes = new ArrayList<>();
            for (int i = 0; i < 4; i++)
            {
                processes.add(new JvmProcess(() -> countUnderLock(lock, dict, namespace, 250)).start());
            }
            for (final JvmProcess process : processes)
            {
                joinOk(process);
            }
            assertEquals(1000, dict.get("count"));
            assertEquals(1000, dict.get("merged"), "merge is atomic across processes (putIfAbsent/replace)");
            assertEquals(1000, namespace.<Integer>get("count"));
            assertEquals("Namespace(count=1000)", namespace.toString());
            assertFalse(lock.isLocked());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theBuiltInTypesBehaveAsTheirJavaCounterparts() throws Exception
    {
        try (Manager manager = Manager.start())
        {
            final ManagedList<Integer> list = manager.list();
            list.addAll(List.of(3, 1, 2));
            list.add(0, 9);
            assertEquals(List.of(9, 3, 1, 2), list);
            assertEquals(List.of(9, 3, 1, 2), list.copy());
            assertEquals("[9, 3, 1, 2]", list.toString());
            assertEquals(Integer.valueOf(3), list.remove(1));
            assertTrue(list.remove(Integer.valueOf(2)));
            assertThrows(IndexOutOfBoundsException.class, () -> list.get(99));

            final ManagedDict<String, List<Integer>> dict = manager.dict();
            dict.put("xs", new ArrayList<>(List.of(1)));
            dict.get("xs").add(2);
            assertEquals(List.of(1), dict.get("xs"), "a value fetched is a copy, as in Python");
            assertNull(dict.putIfAbsent("ys", List.of()));
            assertEquals(List.of("xs", "ys"), new ArrayList<>(dict.keySet()), "insertion order");
            final ManagedDict<String, Object> nested = manager.dict();
            nested.put("inner", manager.list());
            ((List<Object>)nested.get("inner")).add(1);
            assertEquals(List.of(1), nested.get("inner"), "a proxy inside a proxy is a reference, as in Python 3.6+");

            final ManagedNamespace namespace = manager.namespace();
            assertThrows(IllegalArgumentException.class, () -> namespace.get("missing"));
            assertEquals("fallback", namespace.get("missing", "fallback"));

            final ManagedQueue<String> queue = manager.queue(1);
            assertTrue(queue.offer("a"));
            assertFalse(queue.offer("b", 50, TimeUnit.MILLISECONDS), "bounded");
            assertEquals("a", queue.take());
            assertNull(queue.poll(Duration.ofMillis(150)));
            assertFalse(queue.join(Duration.ofMillis(50)), "one item put, none done");
            queue.taskDone();
            assertTrue(queue.join(Duration.ofSeconds(5)));
            assertThrows(IllegalStateException.class, queue::taskDone);

            final ManagedLock rlock = manager.rlock();
            rlock.lock();
            rlock.lock();
            rlock.unlock();
            final CompletableFuture<Boolean> other = CompletableFuture.supplyAsync(rlock::tryLock);
            assertFalse(other.get(30, TimeUnit.SECONDS), "an RLock is held by the thread that took it");
            rlock.unlock();
            assertThrows(IllegalMonitorStateException.class, rlock::unlock);

            final ManagedSemaphore semaphore = manager.semaphore(2);
            semaphore.acquire();
            assertTrue(semaphore.tryAcquire(Duration.ofMillis(10)));
            assertFalse(semaphore.tryAcquire(Duration.ofMillis(150)));
            semaphore.release();
            assertEquals(1, semaphore.availablePermits());

            final ManagedEvent event = manager.event();
            assertFalse(event.await(Duration.ofMillis(150)));
            CompletableFuture.runAsync(event::set);
            assertTrue(event.await(Duration.ofSeconds(30)));

            final ManagedCondition condition = manager.condition();
            final ManagedValue<Boolean> ready = manager.value(false);
            final CompletableFuture<Void> signaller = CompletableFuture.runAsync(() ->
            {
                condition.lock();
                ready.set(true);
                condition.signalAll();
                condition.unlock();
            });
            condition.lock();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!ready.get() && System.nanoTime() < deadline)
            {
                condition.await(Duration.ofSeconds(1));
            }
            condition.unlock();
            signaller.get(30, TimeUnit.SECONDS);
            assertTrue(ready.get());

            final ManagedBarrier barrier = manager.barrier(2);
            final CompletableFuture<Integer> party = CompletableFuture.supplyAsync(() ->
            {
                try
                {
                    return barrier.await(Duration.ofSeconds(30));
                }
                catch (final Exception ex)
                {
                    throw new IllegalStateException(ex);
                }
            });
            final int index = barrier.await(Duration.ofSeconds(30));
            assertEquals(1, index + party.get(30, TimeUnit.SECONDS));
            assertThrows(java.util.concurrent.TimeoutException.class, () -> barrier.await(Duration.ofMillis(100)));
            assertThrows(BrokenBarrierException.class, () -> barrier.await(Duration.ofMillis(100)));
        }
    }

    static void incrementThrough(final ManagedReference<Counter> reference, final int times)
    {
        final Counter counter = reference.get();
        for (int i = 0; i < times; i++)
        {
            counter.increment();
        }
    }

    @Test
    void aRegisteredTypeLivesInTheManagerAndIsReachedFromAnotherProcess() throws Exception
    {
        try (Manager manager = Manager.builder()
            .register("Counter", Counter.class, SimpleCounter::new)
            .registerShared("SharedCounter", Counter.class, SimpleCounter::new)
            .start())
        {
            final Counter counter = manager.create("Counter", Counter.class);
            assertEquals(2, counter.incrementTwice(), "a default method runs here on top of the remote ones");
            final ManagedReference<Counter> reference = Manager.reference(counter);
            joinOk(new JvmProcess(() -> incrementThrough(reference, 10)).start());
            assertEquals(12, counter.value());
            assertEquals(0, manager.create("Counter", Counter.class).value(), "a new instance per create");
            manager.create("SharedCounter", Counter.class).increment();
            assertEquals(1, manager.create("SharedCounter", Counter.class).value(), "one shared instance");
            assertThrows(IllegalArgumentException.class, () -> manager.create("Nothing", Counter.class));
        }
    }

    static void useRemote(final String host, final int port, final byte[] key, final int times)
    {
        final Manager remote = Manager.connect(new InetSocketAddress(host, port), key);
        final Counter counter = remote.create("SharedCounter", Counter.class);
        for (int i = 0; i < times; i++)
        {
            counter.increment();
        }
    }

    @Test
    void aRemoteManagerServesAProcessWithTheRightKeyAndRefusesAWrongOne() throws Exception
    {
        final byte[] key = "a secret only these processes know".getBytes(StandardCharsets.UTF_8);
        try (Manager manager = Manager.builder()
            .registerShared("SharedCounter", Counter.class, SimpleCounter::new)
            .listen(0, key)
            .start())
        {
            final InetSocketAddress address = manager.address().orElseThrow();
            assertTrue(address.getAddress().isLoopbackAddress());
            final String host = address.getHostString();
            final int port = address.getPort();
            joinOk(new JvmProcess(() -> useRemote(host, port, key, 25)).start());
            assertEquals(25, manager.create("SharedCounter", Counter.class).value());

            final byte[] wrong = "not the key".getBytes(StandardCharsets.UTF_8);
            final ManagerException refused = assertThrows(ManagerException.AuthenticationFailed.class,
                () -> Manager.connect(address, wrong));
            assertTrue(refused.getMessage().contains("refused"), refused.getMessage());

            try (Socket garbage = new Socket(address.getAddress(), address.getPort()))
            {
                final DataOutputStream out = new DataOutputStream(garbage.getOutputStream());
                out.writeInt(Integer.MAX_VALUE);
                out.write(new byte[1024]);
                out.flush();
                garbage.setSoTimeout(10_000);
                assertEquals(Integer.BYTES + 32, garbage.getInputStream().readAllBytes().length,
                    "the manager sent its challenge, then dropped the connection: nothing else");
            }
            final Manager again = Manager.connect(address, key);
            assertEquals(26, again.create("SharedCounter", Counter.class).incrementTwice() - 1,
                "a garbage connection does not hurt the manager");
        }
    }

    @Test
    void aWrongKeyIsRefusedInAThreadAlreadyConnectedAndChangesNoOtherHandlesKey() throws Exception
    {
        final byte[] key = "the right key".getBytes(StandardCharsets.UTF_8);
        final byte[] wrong = "the wrong key".getBytes(StandardCharsets.UTF_8);
        try (Manager manager = Manager.builder()
            .registerShared("SharedCounter", Counter.class, SimpleCounter::new)
            .listen(0, key)
            .start())
        {
            final InetSocketAddress address = manager.address().orElseThrow();
            final Manager right = Manager.connect(address, key);
            final Counter counter = right.create("SharedCounter", Counter.class);
            counter.increment(); // this thread now holds a connection to the manager

            assertThrows(ManagerException.AuthenticationFailed.class, () -> Manager.connect(address, wrong));
            assertThrows(ManagerException.AuthenticationFailed.class, () -> Manager.connect(address, wrong));

            counter.increment();
            final int[] seen = new int[1];
            final Thread other = new Thread(() -> seen[0] = right.create("SharedCounter",
                Counter.class).incrementTwice());
            other.start();
            other.join(JOIN.toMillis());
            assertEquals(4, seen[0], "another thread of the right handle still authenticates with its own key");
        }
    }

    @Test
    void threeHundredIdleSocketsNeitherGrowTheManagersThreadsNorDelayAClientWithTheKey() throws Exception
    {
        final byte[] key = "a key for the flood test".getBytes(StandardCharsets.UTF_8);
        try (Manager manager = Manager.builder()
            .registerShared("SharedCounter", Counter.class, SimpleCounter::new)
            .listen(0, key)
            .start())
        {
            final InetSocketAddress address = manager.address().orElseThrow();
            Manager.connect(address, key).create("SharedCounter", Counter.class).increment(); // warm this JVM's client
            final int threadsBefore = threadsOf(manager.pid());
            final List<Socket> idle = new ArrayList<>();
            try
            {
                for (int i = 0; i < 300; i++)
                {
                    idle.add(new Socket(address.getAddress(), address.getPort()));
                }
                Thread.sleep(500);
                final int threadsDuring = threadsOf(manager.pid());
                assertTrue(threadsDuring <= threadsBefore + 2,
                    "300 idle sockets took the manager from " + threadsBefore + " to " + threadsDuring + " threads");

                final long[] tookNs = new long[1];
                final Thread client = new Thread(() ->
                {
                    final long start = System.nanoTime();
                    Manager.connect(address, key).create("SharedCounter", Counter.class).increment();
                    tookNs[0] = System.nanoTime() - start;
                });
                client.start();
                client.join(JOIN.toMillis());
                final long tookMs = tookNs[0] / 1_000_000;
                assertTrue(0 != tookNs[0] && tookMs < 100,
                    "a client with the key connected and called in " + tookMs + " ms beside 300 idle sockets");
            }
            finally
            {
                for (final Socket socket : idle)
                {
                    socket.close();
                }
            }
            assertEquals(2, manager.create("SharedCounter", Counter.class).value());
        }
    }

    private static int threadsOf(final long pid) throws IOException
    {
        for (final String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")))
        {
            if (line.startsWith("Threads:"))
            {
                return Integer.parseInt(line.substring("Threads:".length()).strip());
            }
        }
        throw new IOException("no thread count for pid " + pid);
    }

    @Test
    void proxiesFailWithinASecondOfTheManagersDeathTwentyTimesOutOfTwenty() throws Exception
    {
        for (int run = 0; run < 20; run++)
        {
            try (Manager manager = Manager.start())
            {
                final ManagedList<Integer> list = manager.list(List.of(1, 2, 3));
                assertEquals(3, list.size());
                ProcessHandle.of(manager.pid()).orElseThrow().destroyForcibly();
                final long start = System.nanoTime();
                assertThrows(ManagerException.class, () ->
                {
                    for (int i = 0; i < 1_000_000; i++)
                    {
                        list.size();
                    }
                });
                final long tookMs = (System.nanoTime() - start) / 1_000_000;
                assertTrue(tookMs < 1_000, "run " + run + ": the proxy failed after " + tookMs + " ms");
                final CompletableFuture<Throwable> fresh = CompletableFuture.supplyAsync(() ->
                {
                    try
                    {
                        list.size();
                        return null;
                    }
                    catch (final RuntimeException ex)
                    {
                        return ex;
                    }
                });
                final Throwable failure = fresh.get(1, TimeUnit.SECONDS);
                assertTrue(failure instanceof ManagerException, "a thread with no connection yet: " + failure);
            }
        }
    }

    static void holdThenDie(final ManagedLock lock)
    {
        lock.lock();
        Runtime.getRuntime().halt(3);
    }

    @Test
    void aLockHeldByAClientThatDiesIsReleased() throws Exception
    {
        try (Manager manager = Manager.start())
        {
            final ManagedLock lock = manager.lock();
            final JvmProcess holder = new JvmProcess(() -> holdThenDie(lock)).start();
            assertTrue(holder.join(JOIN));
            assertTrue(lock.tryLock(Duration.ofSeconds(10)), "the dead client's lock was not released");
            lock.unlock();
        }
    }

    static long countUntilSet(final ManagedEvent exit) throws InterruptedException
    {
        long rounds = 0;
        while (!exit.await(Duration.ofMillis(10)))
        {
            rounds++;
        }
        return rounds + 1;
    }

    @Test
    void seed003AManagerEventStopsAPoolTask() throws Exception
    {
        try (Manager manager = Manager.start(); Pool pool = Pool.create(1))
        {
            final ManagedEvent exit = manager.event();
            final var result = pool.applyAsync(ManagerTest::countUntilSet, exit);
            Thread.sleep(300);
            exit.set();
            assertTrue(result.get(30, TimeUnit.SECONDS) >= 1);
        }
    }

    @Test
    void badInputGetsAClearException()
    {
        assertThrows(IllegalArgumentException.class, () -> Manager.builder().listen(0, new byte[0]));
        assertThrows(NullPointerException.class, () -> Manager.connect(null, new byte[1]));
        assertThrows(IllegalArgumentException.class,
            () -> Manager.builder().register("x", SimpleCounter.class, SimpleCounter::new));
        try (Manager manager = Manager.start())
        {
            assertThrows(IllegalArgumentException.class, () -> manager.semaphore(-1));
            assertThrows(NullPointerException.class, () -> manager.queue().put(null));
            final ManagedList<Object> list = manager.list();
            final CodecException unsendable = assertThrows(CodecException.class, () ->
                list.add(new InetSocketAddress(1)));
            assertTrue(unsendable.getMessage().contains("InetSocketAddress"), unsendable.getMessage());
            assertEquals(0, list.size(), "nothing was added, and the connection still works");
        }
    }
}
