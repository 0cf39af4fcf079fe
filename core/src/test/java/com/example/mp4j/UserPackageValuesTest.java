package com.example.mp4j;

import io.multiprocessing4j.Connection;
import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.Pipe;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.shm.ShmContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A record of the user's own package travels through a queue, a pipe and as a pool result with no allow-list entry
 * and no system property: the package of the code that created the queue, pipe or pool is allowed (issue 21).
 */
final class UserPackageValuesTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    record Order(long id, double price, int quantity)
    {
    }

    static Order doubled(final Order order)
    {
        return new Order(order.id(), order.price() * 2, order.quantity());
    }

    @Test
    void aUserRecordCrossesAQueueAndAPoolWithNoAllowListEntry() throws Exception
    {
        assertNull(System.getProperty("mp4j.codec.allow"));
        try (ShmContext shm = ShmContext.create(); SharedQueue<Order> orders = SharedQueue.create(shm))
        {
            final JvmProcess producer = new JvmProcess(() -> orders.put(new Order(1, 2.5, 3))).start();
            assertEquals(new Order(1, 2.5, 3), orders.poll(TIMEOUT));
            producer.join(TIMEOUT);
        }
        try (ShmContext shm = ShmContext.create(); Pipe pipe = Pipe.create(shm, false))
        {
            final Connection writer = pipe.second();
            final JvmProcess producer = new JvmProcess(() -> writer.send(new Order(4, 1.5, 2))).start();
            assertTrue(pipe.first().poll(TIMEOUT), "a message arrived");
            assertEquals(new Order(4, 1.5, 2), pipe.first().recv());
            producer.join(TIMEOUT);
        }
        try (Pool pool = Pool.create(1))
        {
            assertEquals(List.of(new Order(2, 5.0, 1)), pool.map(UserPackageValuesTest::doubled,
                List.of(new Order(2, 2.5, 1))));
        }
    }
}
