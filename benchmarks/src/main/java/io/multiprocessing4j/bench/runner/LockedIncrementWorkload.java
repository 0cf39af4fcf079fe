package io.multiprocessing4j.bench.runner;

import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedInt;
import io.multiprocessing4j.shm.value.SharedLongArray;

import java.time.Duration;
import java.util.List;

/**
 * {@code locked-increment-2proc}: two processes each add one to a shared int {@code n} times, each addition
 * a read and a write under a shared lock, released together by an event; the figure is the time from the
 * release to the last addition, and the count must be exact. Python does the same with
 * {@code Value('i')} and {@code with v.get_lock(): v.value += 1} (the {@code value_increment.py} script).
 * Worker JVMs are started before timing, on both sides.
 */
final class LockedIncrementWorkload implements Workload
{
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int READY = 0;
    private static final int END_TIME = 1;

    private final int increments;

    LockedIncrementWorkload(final int increments)
    {
        this.increments = increments;
    }

    public String name()
    {
        return "locked-increment-2proc";
    }

    public String unit()
    {
        return "ms for 2 x " + increments + " increments under a lock";
    }

    public boolean higherIsBetter()
    {
        return false;
    }

    public List<String> anchors()
    {
        return List.of();
    }

    public List<String> pythonCommand(final int trials)
    {
        return List.of("value_increment.py", "--increments", "" + increments, "--trials", "" + trials);
    }

    public Trial trial(final String mode) throws Exception
    {
        try (ShmContext context = ShmContext.create();
             SharedLock lock = SharedLock.create(context);
             SharedEvent go = SharedEvent.create(context);
             SharedInt counter = SharedInt.create(context, 0);
             SharedLongArray control = SharedLongArray.create(context, END_TIME + 2))
        {
            final int n = increments;
            final JvmProcess first = new JvmProcess(() -> work(lock, go, counter, control, n,
                0)).setDaemon(true).start();
            final JvmProcess second = new JvmProcess(() -> work(lock, go, counter, control, n,
                1)).setDaemon(true).start();
            while (control.get(READY) < 2)
            {
                Thread.onSpinWait();
            }
            final long start = System.nanoTime();
            go.set();
            for (final JvmProcess worker : List.of(first, second))
            {
                if (!worker.join(TIMEOUT) || 0 != worker.exitCode().orElse(-1))
                {
                    throw new IllegalStateException(worker + " failed");
                }
            }
            if (2 * n != counter.get())
            {
                throw new IllegalStateException("lost increments: " + counter.get() + " != " + 2 * n);
            }
            return Trial.of((Math.max(control.get(END_TIME), control.get(END_TIME + 1)) - start) / 1e6);
        }
    }

    static void work(
        final SharedLock lock,
        final SharedEvent go,
        final SharedInt counter,
        final SharedLongArray control,
        final int n,
        final int index) throws InterruptedException
    {
        control.incrementAndGet(READY);
        go.await();
        for (int i = 0; i < n; i++)
        {
            lock.lock();
            try
            {
                counter.setPlain(counter.getPlain() + 1);
            }
            finally
            {
                lock.unlock();
            }
        }
        control.set(END_TIME + index, System.nanoTime());
    }
}
