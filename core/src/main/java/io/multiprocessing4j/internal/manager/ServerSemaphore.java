package io.multiprocessing4j.internal.manager;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A manager's {@code Semaphore}: permits a client still holds when it goes come back. Thread-safe.
 */
public final class ServerSemaphore implements Session.Held
{
    private final Semaphore permits;
    private final Map<Session, Integer> held = new IdentityHashMap<>();

    public ServerSemaphore(final int permits)
    {
        if (permits < 0)
        {
            throw new IllegalArgumentException("permits must not be negative: " + permits);
        }
        this.permits = new Semaphore(permits);
    }

    public boolean acquire(final long timeoutMs) throws InterruptedException
    {
        if (!permits.tryAcquire(timeoutMs, TimeUnit.MILLISECONDS))
        {
            return false;
        }
        final Session session = Session.current();
        synchronized (held)
        {
            held.merge(session, 1, Integer::sum);
        }
        session.hold(this);
        return true;
    }

    public void release()
    {
        final Session session = Session.current();
        synchronized (held)
        {
            final Integer count = held.get(session);
            if (null != count)
            {
                if (1 == count)
                {
                    held.remove(session);
                    session.drop(this);
                }
                else
                {
                    held.put(session, count - 1);
                }
            }
        }
        permits.release();
    }

    public int availablePermits()
    {
        return permits.availablePermits();
    }

    public void abandon(final Session session)
    {
        final Integer count;
        synchronized (held)
        {
            count = held.remove(session);
        }
        if (null != count)
        {
            permits.release(count);
        }
    }
}
