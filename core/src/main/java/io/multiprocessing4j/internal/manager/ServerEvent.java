package io.multiprocessing4j.internal.manager;

/**
 * A manager's {@code Event}. Thread-safe.
 */
public final class ServerEvent
{
    private boolean set;

    public synchronized void set()
    {
        set = true;
        notifyAll();
    }

    public synchronized void clear()
    {
        set = false;
    }

    public synchronized boolean isSet()
    {
        return set;
    }

    public synchronized boolean await(final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!set)
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
