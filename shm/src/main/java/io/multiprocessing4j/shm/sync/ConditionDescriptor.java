package io.multiprocessing4j.shm.sync;

/**
 * Layout of a condition variable bound to a shared lock, a cache line each:
 * <pre>
 *   GENERATION_OFFSET   long  bumped by every signal; a waiter watches the value it saw on arrival
 *   WAITERS_OFFSET      long  threads waiting now, for diagnostics
 *   LOCK_HANDLE_OFFSET  int length, then the UTF-8 handle of the bound lock
 * </pre>
 */
public final class ConditionDescriptor
{
    public static final int GENERATION_OFFSET = 0;
    public static final int WAITERS_OFFSET = 64;
    public static final int LOCK_HANDLE_OFFSET = 128;

    private ConditionDescriptor()
    {
    }
}
