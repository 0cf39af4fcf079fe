package io.multiprocessing4j;

/**
 * A held {@link SharedLock} or {@link SharedReentrantLock}, from {@code hold()}; closing it unlocks, so it
 * fits try-with-resources. Not thread-safe: close it in the thread that took it.
 */
public final class HeldLock implements AutoCloseable
{
    private final AbstractSharedLock lock;
    private final boolean ownerDied;
    private boolean closed;

    HeldLock(final AbstractSharedLock lock, final boolean ownerDied)
    {
        this.lock = lock;
        this.ownerDied = ownerDied;
    }

    /**
     * @return whether the lock was taken over from a holder that died (what it guards may be inconsistent).
     */
    public boolean ownerDied()
    {
        return ownerDied;
    }

    public void close()
    {
        if (!closed)
        {
            closed = true;
            lock.unlock();
        }
    }
}
