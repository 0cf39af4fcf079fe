package io.multiprocessing4j.cluster.internal;

import com.hazelcast.map.IMap;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * A {@link Lock} on one entry of an {@code IMap}: Hazelcast's entry locks belong to a thread of a process, are
 * reentrant, and are released when that process leaves the cluster (the Community Edition's substitute for the
 * CP subsystem's {@code FencedLock}). Waits are cut into short tries so that an interrupt is seen. Thread-safe.
 */
public final class MapEntryLock implements Lock
{
    private static final long TRY_MILLIS = 100;

    private final IMap<String, Object> locks;
    private final String name;

    public MapEntryLock(final IMap<String, Object> locks, final String name)
    {
        this.locks = Objects.requireNonNull(locks, "locks");
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public void lock()
    {
        locks.lock(name);
    }

    @Override
    public void lockInterruptibly() throws InterruptedException
    {
        while (!locks.tryLock(name, TRY_MILLIS, TimeUnit.MILLISECONDS))
        {
            if (Thread.interrupted())
            {
                throw new InterruptedException("interrupted waiting for lock " + name);
            }
        }
    }

    @Override
    public boolean tryLock()
    {
        return locks.tryLock(name);
    }

    @Override
    public boolean tryLock(final long time, final TimeUnit unit) throws InterruptedException
    {
        final long deadline = System.nanoTime() + unit.toNanos(time);
        do
        {
            final long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (locks.tryLock(name, Math.max(0, Math.min(left, TRY_MILLIS)), TimeUnit.MILLISECONDS))
            {
                return true;
            }
            if (Thread.interrupted())
            {
                throw new InterruptedException("interrupted waiting for lock " + name);
            }
        }
        while (System.nanoTime() - deadline < 0);
        return false;
    }

    /**
     * @throws IllegalMonitorStateException if this thread does not hold it.
     */
    @Override
    public void unlock()
    {
        locks.unlock(name);
    }

    @Override
    public Condition newCondition()
    {
        throw new UnsupportedOperationException("a cluster lock has no conditions: use a queue() to signal");
    }

    @Override
    public String toString()
    {
        return "ClusterLock[" + name + (locks.isLocked(name) ? ", held]" : ", free]");
    }
}
