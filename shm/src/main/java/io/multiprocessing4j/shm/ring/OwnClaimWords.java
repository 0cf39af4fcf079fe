package io.multiprocessing4j.shm.ring;

import org.agrona.concurrent.AtomicBuffer;

import static io.multiprocessing4j.shm.ring.MpmcRingDescriptor.BORROWED;
import static io.multiprocessing4j.shm.ring.MpmcRingDescriptor.FREE;

/**
 * This process's {@link MpmcRingDescriptor#CLAIM_WORDS} claim words on one side (producers or consumers) of an
 * {@link MpmcRing}: a thread borrows one only while it claims and copies one record, never while it waits, so
 * any number of threads may wait. A claim made with a word travels as one {@code long}: the position shifted
 * left by {@value #WORD_BITS} bits, or'd with the word's index. Thread-safe; other processes only read these
 * words (or clear them once this process is dead).
 */
final class OwnClaimWords
{
    static final int NO_WORD = -1;
    private static final int WORD_BITS = 3;
    private static final long WORD_MASK = (1L << WORD_BITS) - 1;
    private static final long CORRUPT_CLAIM_PERSISTENCE_NS = 1_000_000_000;

    private final AtomicBuffer buffer;
    private final int block;
    private final int indexOffset;
    private final int capacity;

    /**
     * @param block       offset of this process's claim block for the side.
     * @param indexOffset offset of the side's index.
     */
    OwnClaimWords(final AtomicBuffer buffer, final int block, final int indexOffset, final int capacity)
    {
        this.buffer = buffer;
        this.block = block;
        this.indexOffset = indexOffset;
        this.capacity = capacity;
    }

    /**
     * Takes a free word without waiting.
     *
     * @return its offset, or {@link #NO_WORD} if every one is in use.
     */
    int tryBorrow()
    {
        int word = 1 + Math.floorMod(System.identityHashCode(Thread.currentThread()), MpmcRingDescriptor.CLAIM_WORDS);
        for (int i = 0; i < MpmcRingDescriptor.CLAIM_WORDS; i++)
        {
            final int offset = block + word * Long.BYTES;
            if (FREE == buffer.getLongVolatile(offset) && buffer.compareAndSetLong(offset, FREE, BORROWED))
            {
                return offset;
            }
            word = word == MpmcRingDescriptor.CLAIM_WORDS ? 1 : word + 1;
        }
        return NO_WORD;
    }

    /**
     * @return {@link #NO_WORD}, after freeing {@code wordOffset} if it is a word.
     */
    int giveBack(final int wordOffset)
    {
        if (NO_WORD != wordOffset)
        {
            buffer.putLongRelease(wordOffset, FREE);
        }
        return NO_WORD;
    }

    /**
     * @return the claim of {@code position} made with the word at {@code wordOffset}, as one long.
     */
    long claimed(final long position, final int wordOffset)
    {
        return position << WORD_BITS | (wordOffset - block) / Long.BYTES;
    }

    static long position(final long claimed)
    {
        return claimed >>> WORD_BITS;
    }

    int wordOffset(final long claimed)
    {
        return block + (int)(claimed & WORD_MASK) * Long.BYTES;
    }

    /**
     * Called when this process has found no free word for a liveness interval. Its threads hold a word only
     * while they claim and copy one record, and a claim they have made stays within a lap of the index (the
     * other side cannot pass it), so a word that holds neither a borrow mark nor such a claim, and still holds
     * it a second later, was written by something else.
     *
     * @throws CorruptRingException if one does.
     */
    void check(final RingWait wait)
    {
        final long index = buffer.getLongVolatile(indexOffset);
        for (int word = 1; word <= MpmcRingDescriptor.CLAIM_WORDS; word++)
        {
            final long claim = buffer.getLongVolatile(block + word * Long.BYTES);
            if (FREE != claim && BORROWED != claim && !MpmcRingDescriptor.withinLapBefore(claim, index, capacity))
            {
                if (wait.persists(claim, CORRUPT_CLAIM_PERSISTENCE_NS))
                {
                    throw new CorruptRingException("corrupt ring: claim word " + word + " of this process has held " +
                        Long.toHexString(claim) + ", no claim within a lap of position " + index + ", for a second");
                }
                return;
            }
        }
    }
}
