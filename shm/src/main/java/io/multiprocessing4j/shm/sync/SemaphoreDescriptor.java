package io.multiprocessing4j.shm.sync;

import io.multiprocessing4j.shm.ProcessTableDescriptor;

/**
 * Layout of a robust counting semaphore, each field on a cache line of its own:
 * <pre>
 *   PERMITS_OFFSET   long  permits available now
 *   BOUND_OFFSET     long  the most permits a release may make available ({@link #UNBOUNDED} for no bound)
 *   HELD_OFFSET + 64 * slot   long  permits held by the process in that slot: generation (40 bits) | count (24 bits)
 * </pre>
 * A process counts what it holds in its own slot's word, stamped with its generation, so that a process
 * finding a dead process's word can return its permits, exactly once (by a CAS that zeroes the count).
 */
public final class SemaphoreDescriptor
{
    public static final int PERMITS_OFFSET = 0;
    public static final int BOUND_OFFSET = 64;
    public static final int HELD_OFFSET = 128;
    public static final int HELD_STRIDE = 64;
    public static final int LENGTH = HELD_OFFSET + HELD_STRIDE * ProcessTableDescriptor.MAX_PROCESSES;
    public static final long UNBOUNDED = -1;
    public static final long MAX_HELD = (1L << 24) - 1;

    private static final int COUNT_BITS = 24;
    private static final long GENERATION_LIMIT = 1L << (Long.SIZE - COUNT_BITS);

    private SemaphoreDescriptor()
    {
    }

    public static int heldOffset(final int slot)
    {
        return HELD_OFFSET + HELD_STRIDE * slot;
    }

    public static long held(final long generation, final long count)
    {
        return ((generation % GENERATION_LIMIT) << COUNT_BITS) | count;
    }

    public static long generation(final long held)
    {
        return held >>> COUNT_BITS;
    }

    public static long count(final long held)
    {
        return held & MAX_HELD;
    }

    /**
     * @return whether a held word was stamped by {@code generation} (compared as stored, modulo 2^40).
     */
    public static boolean stampedBy(final long held, final long generation)
    {
        return generation(held) == generation % GENERATION_LIMIT;
    }
}
