package io.multiprocessing4j.samples.seed001;

import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.shm.ShmContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Seed 001, {@code print_with_lock}: ten processes print one line each, one at a time, under a shared lock.
 * <pre>
 * lock = Lock()
 * p = Process(target=print_with_lock, args=(lock, f"Process {i}"))
 * </pre>
 */
public final class PrintWithLock
{
    private PrintWithLock()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        try (ShmContext context = ShmContext.create();
             SharedLock lock = SharedLock.create(context))
        {
            final List<JvmProcess> processes = new ArrayList<>();
            for (int i = 0; i < 10; i++)
            {
                final String msg = "Process " + i;
                final JvmProcess p = new JvmProcess(() -> printWithLock(lock, msg));
                processes.add(p);
                p.start();
            }
            for (final JvmProcess p : processes)
            {
                p.join();
            }
        }
    }

    static void printWithLock(final SharedLock lock, final String msg)
    {
        lock.lock();
        try
        {
            System.out.println(msg);
        }
        finally
        {
            lock.unlock();
        }
    }
}
