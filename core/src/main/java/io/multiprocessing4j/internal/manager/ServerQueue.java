package io.multiprocessing4j.internal.manager;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A manager's {@code Queue} and {@code JoinableQueue} (Python's {@code queue.Queue}): put and take with
 * timeouts, and a count of unfinished tasks for {@link #taskDone()} and {@link #join}. Thread-safe.
 */
public final class ServerQueue
{
    private final BlockingQueue<Object> items;
    private int unfinished;

    public ServerQueue(final int maxsize)
    {
        items = maxsize <= 0 ? new LinkedBlockingQueue<>() : new LinkedBlockingQueue<>(maxsize);
    }

    public boolean put(final Object item, final long timeoutMs) throws InterruptedException
    {
        synchronized (this)
        {
            unfinished++;
        }
        if (items.offer(item, timeoutMs, TimeUnit.MILLISECONDS))
        {
            return true;
        }
        taskDone();
        return false;
    }

    /**
     * @return the head, or {@code null} if none came within {@code timeoutMs}.
     */
    public Object take(final long timeoutMs) throws InterruptedException
    {
        return items.poll(timeoutMs, TimeUnit.MILLISECONDS);
    }

    public Object peek()
    {
        return items.peek();
    }

    public int size()
    {
        return items.size();
    }

    public int remainingCapacity()
    {
        return items.remainingCapacity();
    }

    public Object[] snapshot()
    {
        return items.toArray();
    }

    public synchronized void taskDone()
    {
        if (unfinished <= 0)
        {
            throw new IllegalStateException("taskDone() called more times than there were items put");
        }
        if (0 == --unfinished)
        {
            notifyAll();
        }
    }

    /**
     * @return whether every item put was marked done within {@code timeoutMs}.
     */
    public synchronized boolean join(final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (0 != unfinished)
        {
            final long left = deadline - System.nanoTime();
            if (left <= 0)
            {
                return false;
            }
            wait(Math.max(1, left / 1_000_000L));
        }
        return true;
    }
}
