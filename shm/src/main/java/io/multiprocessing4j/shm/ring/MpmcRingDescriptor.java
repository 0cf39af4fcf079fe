package io.multiprocessing4j.shm.ring;

import io.multiprocessing4j.shm.ProcessTableDescriptor;

/**
 * Layout of the multi-producer, multi-consumer ring that follows a {@link RingDescriptor} header
 * (offsets from {@link RingDescriptor#BODY_OFFSET}):
 * <pre>
 *   PRODUCER_INDEX_OFFSET    long  next position a producer claims; producers CAS it forward
 *   CONSUMER_INDEX_OFFSET    long  next position a consumer claims; consumers CAS it forward
 *   ABANDONED_OFFSET         long  records skipped because their producer died before publishing them
 *   LOST_OFFSET              long  records taken by a consumer that died before it had them
 *   PRODUCER_CLAIMS_OFFSET   per process slot, 64 bytes: the generation of the process that last used them,
 *                            then {@link #CLAIM_WORDS} claim words, one per thread producing at the moment
 *   CONSUMER_CLAIMS_OFFSET   the same for consumers
 *   SLOTS_OFFSET             capacity slots of slotLength bytes:
 *                              SEQUENCE  long  position + 0: free for the producer of that position;
 *                                              position + 1: published; position + capacity: free for the next lap
 *                              first slot of a record: LENGTH int (payload bytes, or slots for a skip record),
 *                              TYPE int ({@link #SKIP} or the writer's type), payload; later slots: payload
 * </pre>
 * A record of a payload longer than a slot's spans consecutive slots, each keeping its sequence word.
 * Ordering: a claimant release-stores its claim word ({@code position << 16 | slots}) before the CAS on the
 * index, so whoever sees the index moved sees the claim; a producer writes the payload and header, then
 * release-stores the sequences of the later slots and last the first slot's; a consumer acquires the first
 * slot's sequence before it reads the header and reads the sequence again after it (the slot may have been
 * taken and reused meanwhile, its "header" then another record's payload), and release-stores each slot's
 * next-lap sequence after it has read the payload. Claim words go back to 0 with a release store after that.
 * The indices are on cache lines of their own; so is each process's claim block, written only by that process's
 * threads (or, once it is dead, by the one process that wins the CAS that clears a claim).
 */
public final class MpmcRingDescriptor
{
    public static final int PRODUCER_INDEX_OFFSET = 0;
    public static final int CONSUMER_INDEX_OFFSET = 128;
    public static final int ABANDONED_OFFSET = 256;
    public static final int LOST_OFFSET = 320;
    public static final int CLAIM_BLOCK_LENGTH = 64;
    public static final int CLAIM_WORDS = 7;
    public static final int PRODUCER_CLAIMS_OFFSET = 384;
    public static final int CONSUMER_CLAIMS_OFFSET =
        PRODUCER_CLAIMS_OFFSET + CLAIM_BLOCK_LENGTH * ProcessTableDescriptor.MAX_PROCESSES;
    public static final int SLOTS_OFFSET =
        CONSUMER_CLAIMS_OFFSET + CLAIM_BLOCK_LENGTH * ProcessTableDescriptor.MAX_PROCESSES;

    public static final int SEQUENCE_OFFSET = 0;
    public static final int LENGTH_OFFSET = 8;
    public static final int TYPE_OFFSET = 12;
    public static final int FIRST_PAYLOAD_OFFSET = 16;
    public static final int NEXT_PAYLOAD_OFFSET = 8;
    public static final int MIN_SLOT_LENGTH = 32;
    public static final int SKIP = -1;
    public static final int MAX_RECORD_SLOTS = 0xFFFF;

    public static final long FREE = 0;
    public static final long BORROWED = -1;
    private static final long POSITION_MASK = (1L << 48) - 1;

    private MpmcRingDescriptor()
    {
    }

    public static long claim(final long position, final int slots)
    {
        return (position & POSITION_MASK) << 16 | slots;
    }

    /**
     * @return whether a claim word covers {@code position} (positions compared modulo 2^48).
     */
    public static boolean covers(final long claim, final long position)
    {
        return FREE != claim && BORROWED != claim &&
            ((position - (claim >>> 16)) & POSITION_MASK) < (claim & MAX_RECORD_SLOTS);
    }

    /**
     * @return whether a claim word holds a claim of 1 or more slots starting at most {@code lap} positions
     * before {@code index} (modulo 2^48).
     */
    public static boolean withinLapBefore(final long claim, final long index, final int lap)
    {
        return FREE != claim && BORROWED != claim && slots(claim) > 0 &&
            ((index - (claim >>> 16)) & POSITION_MASK) <= lap;
    }

    public static boolean startsAt(final long claim, final long position)
    {
        return FREE != claim && BORROWED != claim && (claim >>> 16) == (position & POSITION_MASK);
    }

    public static int slots(final long claim)
    {
        return (int)(claim & MAX_RECORD_SLOTS);
    }

    public static int claimBlockOffset(final int claimsOffset, final int processSlot)
    {
        return claimsOffset + CLAIM_BLOCK_LENGTH * processSlot;
    }
}
