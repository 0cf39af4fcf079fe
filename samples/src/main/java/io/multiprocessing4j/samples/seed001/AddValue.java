package io.multiprocessing4j.samples.seed001;

import io.multiprocessing4j.HeldLock;
import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedInt;

import java.util.ArrayList;
import java.util.List;

/**
 * Seed 001, {@code add_value}: ten processes each add one to a shared value under a shared lock (the
 * compound read-then-write that needs the lock; {@code SharedInt.incrementAndGet} alone would not).
 * <pre>
 * with lock:
 *     value.value += 1
 * </pre>
 */
public final class AddValue
{
    private AddValue()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        try (ShmContext context = ShmContext.create();
             SharedLock lock = SharedLock.create(context);
             SharedInt sharedValue = SharedInt.create(context, 0))
        {
            final List<JvmProcess> processes = new ArrayList<>();
            for (int i = 0; i < 10; i++)
            {
                processes.add(new JvmProcess(() -> addValue(lock, sharedValue)));
            }
            for (final JvmProcess p : processes)
            {
                p.start();
            }
            for (final JvmProcess p : processes)
            {
                p.join();
            }
            System.out.println("Shared value: " + sharedValue.get());
        }
    }

    static void addValue(final SharedLock lock, final SharedInt value)
    {
        try (HeldLock held = lock.hold())
        {
            value.setPlain(value.getPlain() + 1);
        }
    }
}
