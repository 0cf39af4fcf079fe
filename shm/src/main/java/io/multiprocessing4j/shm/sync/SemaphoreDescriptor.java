package io.multiprocessing4j.shm.sync;

/**
 * Layout of a robust counting semaphore, each field on a cache line of its own:
 * <pre>
 *   PERMITS_OFFSET   long  permits available now
 *   BOUND_OFFSET     long  the most permits a release may make available ({@link #UNBOUNDED} for no bound)
 *   HELD_OFFSET      {@link ProcessCountWords}: permits held by the process in each slot
 * </pre>
 * A process counts what it holds in its own slot's word, so that a process finding a dead process's word
 * can return its permits, exactly once.
 */
public final class SemaphoreDescriptor
{
    public static final int PERMITS_OFFSET = 0;
    public static final int BOUND_OFFSET = 64;
    public static final int HELD_OFFSET = 128;
    public static final int LENGTH = HELD_OFFSET + ProcessCountWords.LENGTH;
    public static final long UNBOUNDED = -1;

    private SemaphoreDescriptor()
    {
    }
}
