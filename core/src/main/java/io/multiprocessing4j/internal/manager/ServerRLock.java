package io.multiprocessing4j.internal.manager;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A manager's {@code RLock}, and with {@link #await} and {@link #signal} its {@code Condition}: owned by the
 * client connection that acquired it (each has its own thread here), reentrant. Thread-safe.
 */
public final class ServerRLock implements Session.Held
{
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition condition = lock.newCondition();

    public boolean acquire(final long timeoutMs) throws InterruptedException
    {
        if (!lock.tryLock(timeoutMs, TimeUnit.MILLISECONDS))
        {
            return false;
        }
        Session.current().hold(this);
        return true;
    }

    public void release()
    {
        lock.unlock();
        if (!lock.isHeldByCurrentThread())
        {
            Session.current().drop(this);
        }
    }

    public boolean isLocked()
    {
        return lock.isLocked();
    }

    /**
     * @return whether it was signalled (or woke spuriously) before {@code timeoutMs}.
     * @throws IllegalMonitorStateException if this client does not hold the lock.
     */
    public boolean await(final long timeoutMs) throws InterruptedException
    {
        return condition.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    public void signal()
    {
        condition.signal();
    }

    public void signalAll()
    {
        condition.signalAll();
    }

    public void abandon(final Session session)
    {
        while (lock.isHeldByCurrentThread())
        {
            lock.unlock();
        }
    }
}
