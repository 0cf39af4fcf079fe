package io.multiprocessing4j.shm.sync;

import io.multiprocessing4j.shm.ProcessTableDescriptor;

/**
 * Layout of a robust lock word: one 64-bit word, {@code 0} when free, else the owner's identity in the
 * context's process table:
 * <pre>
 *   bits 63..16  generation of the owner's slot (48 bits)
 *   bits 15..0   owner's slot + 1 (1 .. MAX_PROCESSES)
 * </pre>
 * A process's identity never repeats within a context (a reused slot gets a new generation), so a word
 * naming a dead owner cannot be mistaken for a live one. The word takes {@link #WORD_LENGTH} bytes, a
 * cache line of its own, so that spinning on one lock does not slow its neighbours; the long at
 * {@link #WAITERS_OFFSET} in that line counts the threads waiting for it, for tools (a waiter killed while
 * waiting stays counted, so it is a diagnostic, never a decision).
 * <p>
 * Ordering: acquire is a CAS (full fence) from 0 or from a dead owner's word; release is an ordered store
 * of 0 (or a CAS from the releaser's word), so everything written under the lock is visible to the next owner.
 */
public final class LockWordDescriptor
{
    public static final int WORD_LENGTH = 64;
    public static final int WAITERS_OFFSET = 8;
    public static final long FREE = 0L;

    private static final int SLOT_BITS = 16;
    private static final long SLOT_MASK = (1L << SLOT_BITS) - 1;
    private static final long MAX_GENERATION = (1L << (Long.SIZE - SLOT_BITS)) - 1;

    private LockWordDescriptor()
    {
    }

    /**
     * @return the word naming {@code slot} as {@code generation}.
     */
    public static long owner(final int slot, final long generation)
    {
        if (slot < 0 || slot >= ProcessTableDescriptor.MAX_PROCESSES)
        {
            throw new IllegalArgumentException("slot out of range: " + slot);
        }
        if (generation < 0 || generation > MAX_GENERATION)
        {
            throw new IllegalArgumentException("generation out of range: " + generation);
        }
        return (generation << SLOT_BITS) | (slot + 1);
    }

    public static int slot(final long word)
    {
        return (int)(word & SLOT_MASK) - 1;
    }

    public static long generation(final long word)
    {
        return word >>> SLOT_BITS;
    }
}
