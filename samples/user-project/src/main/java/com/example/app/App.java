package com.example.app;

import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.ProcessPoolExecutor;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedLong;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a user's program does with the library: a pool map, a producer and a consumer over a queue carrying the
 * user's own record, a counter under a lock from two processes, and an executor. Prints one line per answer.
 */
public final class App
{
    /** The user's own record: no allow-list entry, no system property. */
    public record Order(long id, double price, int quantity)
    {
    }

    /** The right answers, as {@link #run} gives them. */
    public static final List<String> EXPECTED = List.of("squares [1, 4, 9, 16]",
        "discounted [Order[id=7, price=5.0, quantity=2]]",
        "orders [Order[id=1, price=1.5, quantity=1], Order[id=2, price=3.0, quantity=2], " +
            "Order[id=3, price=4.5, quantity=3]]",
        "counter 2000", "executor 42");

    private App()
    {
    }

    static int square(final int x)
    {
        return x * x;
    }

    static Order discounted(final Order order)
    {
        return new Order(order.id(), order.price() / 2, order.quantity());
    }

    public static void main(final String[] args) throws Exception
    {
        final List<String> answers = run();
        answers.forEach(System.out::println);
        System.out.println(EXPECTED.equals(answers) ? "ALL RIGHT" : "WRONG, expected " + EXPECTED);
    }

    /**
     * @return the answers, one line each.
     */
    public static List<String> run() throws Exception
    {
        final List<String> answers = new ArrayList<>();
        try (Pool pool = Pool.create(2))
        {
            answers.add("squares " + pool.map(App::square, List.of(1, 2, 3, 4)));
            answers.add("discounted " + pool.map(App::discounted, List.of(new Order(7, 10.0, 2))));
        }
        try (ShmContext shm = ShmContext.create(); SharedQueue<Order> orders = SharedQueue.create(shm);
             SharedLong counter = SharedLong.create(shm, 0); SharedLock lock = SharedLock.create(shm))
        {
            final JvmProcess producer = new JvmProcess(() ->
            {
                for (int i = 1; i <= 3; i++)
                {
                    orders.put(new Order(i, i * 1.5, i));
                }
            }).start();
            final List<Order> received = new ArrayList<>();
            for (int i = 0; i < 3; i++)
            {
                received.add(orders.poll(Duration.ofSeconds(60)));
            }
            producer.join(Duration.ofSeconds(60));
            answers.add("orders " + received);
            final JvmProcess other = new JvmProcess(() -> increment(counter, lock)).start();
            increment(counter, lock);
            other.join(Duration.ofSeconds(60));
            answers.add("counter " + counter.get());
        }
        try (ProcessPoolExecutor executor = new ProcessPoolExecutor(1))
        {
            answers.add("executor " + executor.supplyAsync(() -> 6 * 7).get(60, TimeUnit.SECONDS));
        }
        return answers;
    }

    private static void increment(final SharedLong counter, final SharedLock lock)
    {
        for (int i = 0; i < 1_000; i++)
        {
            lock.lock();
            try
            {
                counter.set(counter.get() + 1);
            }
            finally
            {
                lock.unlock();
            }
        }
    }
}
