package io.multiprocessing4j;

import io.multiprocessing4j.shm.MappedRegion;
import io.multiprocessing4j.shm.RegionPart;
import io.multiprocessing4j.shm.RegionType;
import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.sync.RobustSemaphore;
import io.multiprocessing4j.shm.sync.SemaphoreDescriptor;
import io.multiprocessing4j.shm.value.SharedObject;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Python's {@code multiprocessing.Semaphore}: a count of permits shared by every process that has it.
 * {@link #release()} may be called by any process and, as in Python, may raise the count above its initial
 * value ({@link SharedBoundedSemaphore} refuses that). Permits held by a process that dies, even by SIGKILL,
 * come back within milliseconds. Waiting follows the context's {@link io.multiprocessing4j.shm.IdlePolicy}
 * and by default costs a few percent of a core at most. Passes to child processes by
 * handle. Thread-safe; use after {@link #close()} throws {@link IllegalStateException}.
 */
public class SharedSemaphore extends SharedObject
{
    private static final long serialVersionUID = 1L;
    private final transient RobustSemaphore semaphore;
    private final transient ShmContext context;

    SharedSemaphore(final MappedRegion region, final ShmContext context)
    {
        super(region);
        semaphore = new RobustSemaphore(region.buffer(), region.dataOffset(), context.processes());
        this.context = context;
    }

    /**
     * @param context where the semaphore lives.
     * @param permits the initial count (Python's {@code value}).
     * @return a new semaphore.
     */
    public static SharedSemaphore create(final ShmContext context, final long permits)
    {
        return new SharedSemaphore(
            newSemaphoreRegion(context, "semaphore", permits, SemaphoreDescriptor.UNBOUNDED), context);
    }

    /**
     * @param handle what {@link #handle()} returned in another JVM.
     * @return the same semaphore, in this JVM.
     */
    public static SharedSemaphore attach(final SharedHandle handle)
    {
        final MappedRegion region = attachRegion(handle, RegionType.SYNC);
        return new SharedSemaphore(region, AbstractSharedLock.contextOf(handle, region));
    }

    static MappedRegion newSemaphoreRegion(
        final ShmContext context, final String label, final long permits, final long bound)
    {
        if (permits < 0 || permits > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("permits must be between 0 and " + Integer.MAX_VALUE + ": " + permits);
        }
        final MappedRegion region = newRegion(context, RegionType.SYNC, SemaphoreDescriptor.LENGTH / Long.BYTES, label,
            RegionPart.of(RegionPart.Kind.SEMAPHORE, 0));
        RobustSemaphore.initialize(region.buffer(), region.dataOffset(), permits, bound);
        return region;
    }

    /**
     * Takes a permit, waiting as long as it takes.
     */
    public void acquire() throws InterruptedException
    {
        acquireUntil(Long.MAX_VALUE);
    }

    /**
     * @return whether a permit was free and is now held.
     */
    public boolean tryAcquire()
    {
        try
        {
            return acquireUntil(System.nanoTime());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean tryAcquire(final long time, final TimeUnit unit) throws InterruptedException
    {
        return acquireUntil(System.nanoTime() + Math.max(0, unit.toNanos(time)));
    }

    public boolean tryAcquire(final Duration timeout) throws InterruptedException
    {
        Objects.requireNonNull(timeout, "timeout");
        return acquireUntil(System.nanoTime() + Math.max(0, timeout.toNanos()));
    }

    /**
     * Returns a permit (one this process holds, if it holds any).
     *
     * @throws IllegalStateException for a {@link SharedBoundedSemaphore} already at its initial count.
     */
    public void release()
    {
        checkOpen();
        semaphore.release();
    }

    /**
     * Takes a permit and returns a token that gives it back on close: {@code try (var held = s.hold()) {...}}.
     */
    public Permit hold() throws InterruptedException
    {
        acquire();
        return new Permit(this);
    }

    public long availablePermits()
    {
        checkOpen();
        return semaphore.availablePermits();
    }

    public String toString()
    {
        return isClosed() ? getClass().getSimpleName() + "[closed]" :
            getClass().getSimpleName() + "[permits=" + semaphore.availablePermits() + ", " + handle() + "]";
    }

    private boolean acquireUntil(final long deadlineNanos) throws InterruptedException
    {
        checkOpen();
        return semaphore.acquire(deadlineNanos, context.idlePolicy().newIdleStrategy());
    }

    /**
     * A held permit; closing it releases the permit.
     */
    public static final class Permit implements AutoCloseable
    {
        private final SharedSemaphore semaphore;
        private boolean closed;

        Permit(final SharedSemaphore semaphore)
        {
            this.semaphore = semaphore;
        }

        public void close()
        {
            if (!closed)
            {
                closed = true;
                semaphore.release();
            }
        }
    }
}
