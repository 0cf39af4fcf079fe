package io.multiprocessing4j.internal.manager;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A manager's {@code Lock} (Python's {@code threading.Lock}): not reentrant, releasable by any client.
 * Thread-safe.
 */
public final class ServerLock implements Session.Held
{
    private final Semaphore permit = new Semaphore(1);
    private volatile Session owner;

    public boolean acquire(final long timeoutMs) throws InterruptedException
    {
        if (!permit.tryAcquire(timeoutMs, TimeUnit.MILLISECONDS))
        {
            return false;
        }
        final Session session = Session.current();
        synchronized (this)
        {
            owner = session;
        }
        session.hold(this);
        return true;
    }

    public synchronized void release()
    {
        final Session holder = owner;
        if (null == holder)
        {
            throw new IllegalMonitorStateException("release of an unlocked lock");
        }
        owner = null;
        holder.drop(this);
        permit.release();
    }

    public boolean isLocked()
    {
        return null != owner;
    }

    public synchronized void abandon(final Session session)
    {
        if (owner == session)
        {
            owner = null;
            permit.release();
        }
    }
}
