package io.multiprocessing4j.shm.sync;

/**
 * Layout of an event: one flag word on a cache line of its own, {@link #CLEAR} or {@link #SET}, release-stored
 * by the setter and acquire-loaded by waiters.
 */
public final class EventDescriptor
{
    public static final int FLAG_OFFSET = 0;
    public static final int LENGTH = 64;
    public static final long CLEAR = 0;
    public static final long SET = 1;

    private EventDescriptor()
    {
    }
}
