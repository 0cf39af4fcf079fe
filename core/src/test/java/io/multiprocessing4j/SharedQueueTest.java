package io.multiprocessing4j;

import io.multiprocessing4j.codec.CodecException;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedByteArray;
import io.multiprocessing4j.shm.value.SharedLongArray;
import org.example.mp4jtest.Opaque;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SharedQueue}, {@link JoinableQueue} and {@link SimpleQueue} across real child JVMs (Python's
 * {@code _TestQueue} cases, the integrity and kill tests of the reliability plan).
 */
final class SharedQueueTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private ShmContext shm;

    @BeforeEach
    void setUp()
    {
        shm = ShmContext.create();
    }

    @AfterEach
    void tearDown()
    {
        shm.close();
    }

    static void putRange(final SharedQueue<Integer> queue, final int from, final int to) throws InterruptedException
    {
        for (int i = from; i < to; i++)
        {
            queue.put(i);
        }
    }

    static void produceChecked(final SharedQueue<byte[]> queue, final int producer, final int count)
        throws InterruptedException
    {
        for (int seq = 0; seq < count; seq++)
        {
            queue.put(checkedMessage(producer, seq));
        }
    }

    /**
     * Takes {@code count} messages; reports per producer the count, the sum of sequences and order breaks.
     */
    static void consumeChecked(final SharedQueue<byte[]> queue, final SharedLongArray report, final int consumer,
        final long count) throws InterruptedException
    {
        final long[] last = new long[8];
        java.util.Arrays.fill(last, -1);
        for (long i = 0; i < count; i++)
        {
            final byte[] message = queue.take();
            final long word = checkMessage(message);
            final int producer = (int)(word >>> 32);
            final long seq = word & 0xFFFF_FFFFL;
            if (word < 0 || seq <= last[producer])
            {
                report.incrementAndGet(0);
            }
            last[producer] = seq;
            report.addAndGet(1 + 16 * consumer + 2 * producer, 1);
            report.addAndGet(2 + 16 * consumer + 2 * producer, seq);
        }
    }

    static void takeAndMark(final SharedQueue<Long> queue, final SharedByteArray marks, final SharedLongArray taken)
        throws InterruptedException
    {
        while (true)
        {
            final long seq = queue.take();
            marks.set((int)seq, (byte)1);
            taken.incrementAndGet(0);
            Thread.sleep(0, 200_000);
        }
    }

    static void putForever(final SharedQueue<Long> queue, final SharedLongArray progress) throws InterruptedException
    {
        for (long seq = 0; ; seq++)
        {
            queue.put(seq);
            progress.setRelease(0, seq + 1);
        }
    }

    static void work(final JoinableQueue<String> tasks, final SharedLongArray done) throws InterruptedException
    {
        String task;
        while (!"STOP".equals(task = tasks.take()))
        {
            done.incrementAndGet(0);
            tasks.taskDone();
        }
        tasks.taskDone();
    }

    static void putEmptiness(final SimpleQueue<Boolean> queue) throws InterruptedException
    {
        final boolean empty = queue.isEmpty();
        queue.put(empty);
        queue.put(queue.isEmpty());
    }

    @Test
    void itemsPutByTheParentThenAChildComeOutInOrderThenNothing() throws Exception
    {
        try (SharedQueue<Integer> queue = SharedQueue.create(shm))
        {
            putRange(queue, 0, 10);
            final JvmProcess child = new JvmProcess(() -> putRange(queue, 10, 20)).setDaemon(true).start();
            assertTrue(child.join(TIMEOUT));
            assertEquals(OptionalInt.of(0), child.exitCode(), () -> String.valueOf(child.exception()));
            assertEquals(20, queue.size());
            for (int i = 0; i < 20; i++)
            {
                assertEquals(i, queue.take());
            }
            assertNull(queue.poll());
            assertTrue(queue.isEmpty());
        }
    }

    @Test
    void aBoundedQueueIsFullAtItsMaxsizeAndTimeoutsKeepTheirTime() throws Exception
    {
        try (SharedQueue<String> queue = SharedQueue.create(shm, 6))
        {
            assertTrue(queue.isEmpty());
            assertEquals(6, queue.remainingCapacity());
            for (int i = 0; i < 6; i++)
            {
                queue.put("item " + i);
            }
            assertEquals(0, queue.remainingCapacity());
            assertFalse(queue.offer("one too many"));
            assertThrows(IllegalStateException.class, () -> queue.add("one too many"));
            long start = System.nanoTime();
            assertFalse(queue.offer("late", 100, TimeUnit.MILLISECONDS));
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(tookMs >= 100 && tookMs < 500, tookMs + " ms");

            final List<String> drained = new ArrayList<>();
            assertEquals(6, queue.drainTo(drained));
            assertEquals("item 0", drained.get(0));
            assertTrue(queue.isEmpty());
            assertEquals(6, queue.remainingCapacity());

            start = System.nanoTime();
            assertNull(queue.poll(Duration.ofMillis(100)));
            tookMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(tookMs >= 100 && tookMs < 200, "poll(100 ms) on an empty queue took " + tookMs + " ms");
        }
    }

    @Test
    void fourProducerJvmsTwoConsumerJvmsEveryMessageOnceInEachProducersOrder() throws Exception
    {
        final int perProducer = 25_000;
        try (SharedQueue<byte[]> queue = SharedQueue.create(shm, 0, io.multiprocessing4j.codec.Codec.fory(
            io.multiprocessing4j.codec.ClassAllowList.defaults()), 1 << 12, 64);
             SharedLongArray report = SharedLongArray.create(shm, 40))
        {
            final List<JvmProcess> processes = new ArrayList<>();
            for (int c = 0; c < 2; c++)
            {
                final int consumer = c;
                processes.add(new JvmProcess(() -> consumeChecked(queue, report, consumer, 2L * perProducer))
                    .setDaemon(true).start());
            }
            for (int p = 0; p < 4; p++)
            {
                final int producer = p;
                processes.add(new JvmProcess(() -> produceChecked(queue, producer,
                    perProducer)).setDaemon(true).start());
            }
            for (final JvmProcess process : processes)
            {
                assertTrue(process.join(TIMEOUT), process + " still running");
                assertEquals(OptionalInt.of(0), process.exitCode(), () -> process + ": " + process.exception());
            }
            assertEquals(0, report.get(0), "messages out of order or corrupt");
            final long expectedSum = (long)perProducer * (perProducer - 1) / 2;
            for (int p = 0; p < 4; p++)
            {
                final int producer = p;
                final long count = report.get(1 + 2 * p) + report.get(17 + 2 * p);
                final long sum = report.get(2 + 2 * p) + report.get(18 + 2 * p);
                assertEquals(perProducer, count, () -> "producer " + producer + " count");
                assertEquals(expectedSum, sum, () -> "producer " + producer + " sequences");
            }
            assertTrue(queue.isEmpty());
        }
    }

    @Test
    void tenMillionChecksummedMessagesFromOneJvmToAnotherNoneLostDuplicatedReorderedOrCorrupt() throws Exception
    {
        final int count = Integer.getInteger("mp4j.test.messages", 10_000_000);
        try (SharedQueue<byte[]> queue = SharedQueue.create(shm);
             SharedLongArray report = SharedLongArray.create(shm, 40))
        {
            final JvmProcess consumer = new JvmProcess(() -> consumeChecked(queue, report, 0,
                count)).setDaemon(true).start();
            final JvmProcess producer = new JvmProcess(() -> produceChecked(queue, 1, count)).setDaemon(true).start();
            assertTrue(producer.join(TIMEOUT));
            assertTrue(consumer.join(TIMEOUT));
            assertEquals(OptionalInt.of(0), producer.exitCode(), () -> String.valueOf(producer.exception()));
            assertEquals(OptionalInt.of(0), consumer.exitCode(), () -> String.valueOf(consumer.exception()));
            assertEquals(0, report.get(0), "messages out of order or corrupt");
            assertEquals(count, report.get(3));
            assertEquals((long)count * (count - 1) / 2, report.get(4));
        }
    }

    @Test
    void aProducerKilledMidStreamLosesNothingItsReturnedPutsAccepted() throws Exception
    {
        try (SharedQueue<Long> queue = SharedQueue.create(shm, 0, io.multiprocessing4j.codec.Codec.fory(
            io.multiprocessing4j.codec.ClassAllowList.defaults()), 1 << 10, 64);
             SharedLongArray progress = SharedLongArray.create(shm, 1))
        {
            final JvmProcess producer = new JvmProcess(() -> putForever(queue, progress)).setDaemon(true).start();
            long expected = 0;
            while (expected < 20_000)
            {
                assertEquals(expected++, queue.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            }
            producer.kill();
            assertTrue(producer.join(TIMEOUT));
            final long acceptedPuts = progress.get(0);
            Long next;
            while (null != (next = queue.poll(Duration.ofMillis(500))))
            {
                assertEquals(expected++, next, "in order, no gap, no duplicate");
            }
            assertTrue(expected >= acceptedPuts, "every returned put arrived: " + expected + " < " + acceptedPuts);
            assertTrue(queue.lostToDeadProcesses() <= 1, "at most the put in progress is skipped");
            queue.put(-1L);
            assertEquals(-1L, queue.take(), "the queue still works");
        }
    }

    @Test
    void aConsumerKilledMidStreamLosesAtMostWhatItHadTaken() throws Exception
    {
        final int count = 20_000;
        try (SharedQueue<Long> queue = SharedQueue.create(shm);
             SharedByteArray marks = SharedByteArray.create(shm, count);
             SharedLongArray taken = SharedLongArray.create(shm, 1))
        {
            for (long seq = 0; seq < count; seq++)
            {
                queue.put(seq);
            }
            final JvmProcess consumer = new JvmProcess(() -> takeAndMark(queue, marks, taken)).setDaemon(true).start();
            final long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (taken.get(0) < 2_000)
            {
                assertTrue(System.nanoTime() < deadline);
                Thread.sleep(1);
            }
            consumer.kill();
            assertTrue(consumer.join(TIMEOUT));
            int receivedHere = 0;
            Long seq;
            while (null != (seq = queue.poll(Duration.ofMillis(500))))
            {
                assertEquals(0, marks.get(seq.intValue()), "taken twice: " + seq);
                marks.set(seq.intValue(), (byte)2);
                receivedHere++;
            }
            final long unaccounted = count - taken.get(0) - receivedHere - queue.lostToDeadProcesses();
            assertTrue(0 <= unaccounted && unaccounted <= 1,
                "unaccounted: " + unaccounted + " (at most the item the consumer had taken but not marked)");
        }
    }

    @Test
    void aJoinableQueueJoinsWhenFourWorkersHaveMarkedEveryTaskDone() throws Exception
    {
        try (JoinableQueue<String> tasks = JoinableQueue.create(shm);
             SharedLongArray done = SharedLongArray.create(shm, 1))
        {
            final List<JvmProcess> workers = new ArrayList<>();
            for (int i = 0; i < 4; i++)
            {
                workers.add(new JvmProcess(() -> work(tasks, done)).setDaemon(true).start());
            }
            for (int i = 0; i < 10; i++)
            {
                tasks.put("task " + i);
            }
            assertTrue(tasks.join(TIMEOUT));
            assertEquals(10, done.get(0));
            for (int i = 0; i < 4; i++)
            {
                tasks.put("STOP");
            }
            tasks.join();
            for (final JvmProcess worker : workers)
            {
                assertTrue(worker.join(TIMEOUT));
                assertEquals(OptionalInt.of(0), worker.exitCode(), () -> String.valueOf(worker.exception()));
            }
            assertEquals(0, tasks.unfinishedTasks());
            assertThrows(IllegalStateException.class, tasks::taskDone);
        }
    }

    @Test
    void aSimpleQueueCarriesWhatAChildSaw() throws Exception
    {
        try (SimpleQueue<Boolean> queue = SimpleQueue.create(shm))
        {
            assertTrue(queue.isEmpty());
            final JvmProcess child = new JvmProcess(() -> putEmptiness(queue)).setDaemon(true).start();
            assertTrue(child.join(TIMEOUT));
            assertFalse(queue.isEmpty());
            assertEquals(true, queue.get());
            assertEquals(false, queue.get());
            assertTrue(queue.isEmpty());
        }
    }

    @Test
    void badItemsAreRefusedInTheCallerAndHugeOnesTravelInAFileOfTheirOwn() throws Exception
    {
        try (SharedQueue<Object> queue = SharedQueue.create(shm, 1))
        {
            assertThrows(NullPointerException.class, () -> queue.put(null));
            final CodecException unencodable = assertThrows(CodecException.class, () -> queue.put(new Thread()));
            assertTrue(unencodable.getMessage().contains("java.lang.Thread"), unencodable.getMessage());
            assertTrue(queue.isEmpty());
            assertEquals(1, queue.remainingCapacity(), "the refused put took no place");
            queue.put(true);
            assertEquals(true, queue.take());

            final byte[] huge = new byte[64 << 20];
            new Random(3).nextBytes(huge);
            queue.put(huge);
            assertArrayEquals(huge, (byte[])queue.take());
            try (Stream<java.nio.file.Path> files = Files.list(shm.directory()))
            {
                assertFalse(files.anyMatch(path -> path.getFileName().toString().startsWith("byte-array")),
                    "the side file was deleted once read");
            }
            for (final Runnable unsupported : new Runnable[] {queue::peek, queue::iterator, () -> queue.contains(1),
                () -> queue.remove((Object)1), queue::toArray, queue::element})
            {
                final UnsupportedOperationException refused =
                    assertThrows(UnsupportedOperationException.class, unsupported::run);
                assertTrue(refused.getMessage().contains("other processes"), refused.getMessage());
            }
            final Thread taker = Thread.currentThread();
            final Thread interrupter = new Thread(() ->
            {
                try
                {
                    Thread.sleep(50);
                }
                catch (final InterruptedException ignore)
                {
                    return;
                }
                taker.interrupt();
            });
            interrupter.start();
            assertThrows(InterruptedException.class, queue::take);
            queue.put("after the interrupt");
            assertEquals("after the interrupt", queue.take());
        }
        assertThrows(IllegalArgumentException.class, () -> SharedQueue.create(shm, -1));
        final SharedQueue<String> closed = SharedQueue.create(shm);
        closed.close();
        assertThrows(IllegalStateException.class, () -> closed.put("x"));
    }

    private static byte[] checkedMessage(final int producer, final int seq)
    {
        final byte[] message = new byte[12 + seq % 40];
        final org.agrona.concurrent.UnsafeBuffer view = new org.agrona.concurrent.UnsafeBuffer(message);
        view.putLong(0, (long)producer << 32 | seq);
        final CRC32C crc = new CRC32C();
        crc.update(message, 0, message.length - 4);
        view.putInt(message.length - 4, (int)crc.getValue());
        return message;
    }

    /**
     * @return the producer and sequence word, or -1 if the checksum fails.
     */
    private static long checkMessage(final byte[] message)
    {
        final org.agrona.concurrent.UnsafeBuffer view = new org.agrona.concurrent.UnsafeBuffer(message);
        final CRC32C crc = new CRC32C();
        crc.update(message, 0, message.length - 4);
        return (int)crc.getValue() == view.getInt(message.length - 4) ? view.getLong(0) : -1;
    }

    @Test
    void anIdleTakerUsesUnderFivePercentOfACore() throws Exception
    {
        try (SharedQueue<Integer> queue = SharedQueue.create(shm))
        {
            final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            final long[] result = new long[3];
            final Thread taker = new Thread(() ->
            {
                final long cpuStart = threads.getCurrentThreadCpuTime();
                final long start = System.nanoTime();
                try
                {
                    result[0] = null == queue.poll(Duration.ofSeconds(2)) ? 0 : 1;
                }
                catch (final InterruptedException ex)
                {
                    result[0] = -1;
                }
                result[1] = threads.getCurrentThreadCpuTime() - cpuStart;
                result[2] = System.nanoTime() - start;
            });
            taker.start();
            taker.join(TIMEOUT.toMillis());
            assertEquals(0, result[0], "nothing was put");
            final double share = (double)result[1] / result[2];
            assertTrue(share < 0.05, "the idle taker used " + Math.round(share * 100) + "% of a core");
        }
    }

    @Test
    void allowClassesLetsAnotherPackageThroughEveryQueueAndARefusalSaysHow() throws Exception
    {
        final Opaque item = new Opaque(3);
        try (SharedQueue<Object> queue = SharedQueue.create(shm, 0, "org.example.mp4jtest.");
             JoinableQueue<Object> joinable = JoinableQueue.create(shm, 0, "org.example.mp4jtest.");
             SimpleQueue<Object> simple = SimpleQueue.create(shm, "org.example.mp4jtest.");
             SharedQueue<Object> strict = SharedQueue.create(shm))
        {
            final JvmProcess child = new JvmProcess(() ->
            {
                queue.put(new Opaque(3));
                joinable.put(new Opaque(3));
                simple.put(new Opaque(3));
            }).start();
            assertEquals(item, queue.poll(Duration.ofSeconds(60)));
            assertEquals(item, joinable.poll(Duration.ofSeconds(60)));
            assertEquals(item, simple.get());
            assertTrue(child.join(Duration.ofSeconds(60)));
            assertEquals(OptionalInt.of(0), child.exitCode());
            final CodecException refused = assertThrows(CodecException.class, () -> strict.put(item));
            assertTrue(refused.getMessage().contains("-Dmp4j.codec.allow=org.example.mp4jtest."),
                refused.getMessage());
        }
    }
}
