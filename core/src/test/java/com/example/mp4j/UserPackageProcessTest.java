package com.example.mp4j;

import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Process targets from a user's own package, which the default allow-list does not name (fault 6 of issue 19:
 * a {@code JvmProcess} subclass outside {@code io.multiprocessing4j} was refused at {@code start()}).
 */
final class UserPackageProcessTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

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

    /** Seed 003's pattern: a subclass whose fields are plain values and shared objects. */
    static final class Summer extends JvmProcess
    {
        private static final long serialVersionUID = 1L;

        private final SharedLong result;
        private final int[] numbers;
        private final String tag;
        private transient int unused = 7;

        Summer(final SharedLong result, final int[] numbers, final String tag)
        {
            super("summer");
            this.result = result;
            this.numbers = numbers;
            this.tag = tag;
        }

        public void run()
        {
            long sum = 0;
            for (final int number : numbers)
            {
                sum += number;
            }
            // a transient field keeps its default in the child, as java.io deserialization leaves it
            result.set(0 == unused && "sum".equals(tag) && "summer".equals(name()) ? sum : -1);
        }
    }

    /** A subclass holding one of the user's own records: it goes through the codec, widened to its package. */
    static final class RecordHolder extends JvmProcess
    {
        private static final long serialVersionUID = 1L;

        private final SharedLong result;
        private final Order order;

        RecordHolder(final SharedLong result, final Order order)
        {
            this.result = result;
            this.order = order;
        }

        public void run()
        {
            result.set(order.id() * order.quantity());
        }
    }

    record Order(long id, int quantity) implements java.io.Serializable
    {
    }

    static void multiply(final Order order, final SharedLong result)
    {
        result.set(order.id() * order.quantity());
    }

    @Test
    void aSubclassFromTheUsersPackageRunsWithItsFields() throws Exception
    {
        try (SharedLong result = SharedLong.create(shm, 0))
        {
            final JvmProcess process = new Summer(result, new int[]{1, 2, 3, 4}, "sum").start();
            assertTrue(process.join(TIMEOUT));
            assertEquals(OptionalInt.of(0), process.exitCode());
            assertEquals(10, result.get());
        }
    }

    @Test
    void aSubclassHoldingTheUsersRecordRuns() throws Exception
    {
        try (SharedLong result = SharedLong.create(shm, 0))
        {
            final JvmProcess process = new RecordHolder(result, new Order(6, 7)).start();
            assertTrue(process.join(TIMEOUT));
            assertEquals(OptionalInt.of(0), process.exitCode());
            assertEquals(42, result.get());
        }
    }

    @Test
    void aLambdaCapturingTheUsersRecordRuns() throws Exception
    {
        try (SharedLong result = SharedLong.create(shm, 0))
        {
            final Order order = new Order(5, 9);
            final JvmProcess process = new JvmProcess(() -> multiply(order, result)).start();
            assertTrue(process.join(TIMEOUT));
            assertEquals(OptionalInt.of(0), process.exitCode());
            assertEquals(45, result.get());
        }
    }
}
