package io.multiprocessing4j.shm.sync;

/**
 * Layout of a robust cyclic barrier, each group of fields on a cache line of its own:
 * <pre>
 *   STATE_OFFSET      long  generation (38 bits, wrapping) | previous generation broken (1) | broken (1) | arrived (24)
 *   PARTIES_OFFSET    long  parties, fixed at creation
 *   TIMEOUT_OFFSET    long  default timeout of a wait in ns, or {@link #NO_TIMEOUT}
 *   ACTION_OFFSET     int   length of the encoded action (0 for none), then its bytes from ACTION_BYTES_OFFSET
 *   OUTCOMES_OFFSET   long  bit (g mod 64) set if generation g ended broken (by a reset) rather than tripped
 *   WAITERS_OFFSET    {@link ProcessCountWords}: threads each process has inside {@code await}
 * </pre>
 * Every change to the state is a CAS on the whole word, so arriving, tripping, breaking and resetting are
 * totally ordered. A generation ends by a CAS to generation + 1 that records in the new state how the old
 * one ended; whoever ends generation g + 1 first copies that record into the outcome bit of g, so a waiter
 * that sleeps through two generations (a reset right after a trip) still learns how its own ended. The
 * tripping party's action runs between its arrival and the trip, its writes published by the trip's CAS.
 */
public final class BarrierDescriptor
{
    public static final int STATE_OFFSET = 0;
    public static final int PARTIES_OFFSET = 64;
    public static final int TIMEOUT_OFFSET = 72;
    public static final int ACTION_OFFSET = 80;
    public static final int OUTCOMES_OFFSET = 128;
    public static final int WAITERS_OFFSET = 192;
    public static final int ACTION_BYTES_OFFSET = WAITERS_OFFSET + ProcessCountWords.LENGTH;
    public static final long NO_TIMEOUT = -1;
    public static final int MAX_PARTIES = (1 << 24) - 1;

    private static final long ARRIVED_MASK = MAX_PARTIES;
    private static final long BROKEN = 1L << 24;
    private static final long PREVIOUS_BROKEN = 1L << 25;
    private static final int GENERATION_SHIFT = 26;
    private static final long GENERATION_MASK = (1L << (Long.SIZE - GENERATION_SHIFT)) - 1;

    private BarrierDescriptor()
    {
    }

    /**
     * @return the bytes a barrier with an action of {@code actionLength} bytes needs.
     */
    public static int length(final int actionLength)
    {
        return ACTION_BYTES_OFFSET + actionLength;
    }

    public static long state(final long generation, final boolean previousBroken)
    {
        return ((generation & GENERATION_MASK) << GENERATION_SHIFT) | (previousBroken ? PREVIOUS_BROKEN : 0);
    }

    public static long generation(final long state)
    {
        return state >>> GENERATION_SHIFT;
    }

    public static int arrived(final long state)
    {
        return (int)(state & ARRIVED_MASK);
    }

    public static boolean isBroken(final long state)
    {
        return 0 != (state & BROKEN);
    }

    public static long broken(final long state)
    {
        return state | BROKEN;
    }

    public static boolean previousBroken(final long state)
    {
        return 0 != (state & PREVIOUS_BROKEN);
    }

    public static long outcomeBit(final long generation)
    {
        return 1L << (generation & 63);
    }
}
