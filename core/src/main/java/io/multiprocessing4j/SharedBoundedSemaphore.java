package io.multiprocessing4j;

import io.multiprocessing4j.shm.MappedRegion;
import io.multiprocessing4j.shm.RegionType;
import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.ShmContext;

/**
 * Python's {@code multiprocessing.BoundedSemaphore}: a {@link SharedSemaphore} whose {@link #release()}
 * throws {@link IllegalStateException} instead of raising the count above its initial value (permits
 * returned for a dead holder are clamped the same way). Thread-safe.
 */
public final class SharedBoundedSemaphore extends SharedSemaphore
{
    private static final long serialVersionUID = 1L;

    private SharedBoundedSemaphore(final MappedRegion region, final ShmContext context)
    {
        super(region, context);
    }

    /**
     * @param context where the semaphore lives.
     * @param permits the initial count, which is also the most it may ever be.
     * @return a new bounded semaphore.
     */
    public static SharedBoundedSemaphore create(final ShmContext context, final long permits)
    {
        return new SharedBoundedSemaphore(newSemaphoreRegion(context, "bounded semaphore", permits, permits), context);
    }

    public static SharedBoundedSemaphore attach(final SharedHandle handle)
    {
        final MappedRegion region = attachRegion(handle, RegionType.SYNC);
        return new SharedBoundedSemaphore(region, AbstractSharedLock.contextOf(handle, region));
    }
}
