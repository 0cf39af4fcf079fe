package io.multiprocessing4j.shm.ring;

/**
 * Layout of a {@link io.multiprocessing4j.shm.RegionType#RING} region: a header, the state of the ring's
 * two ends, then the ring itself.
 * <pre>
 *   KIND_OFFSET            int   {@link #SPSC}, {@link #MPSC} or {@link #MPMC}
 *   CAPACITY_OFFSET        int   the ring's capacity: bytes (SPSC, MPSC) or slots (MPMC)
 *   MAX_MESSAGE_OFFSET     long  the longest message a writer may send, in bytes
 *   SLOT_LENGTH_OFFSET     int   bytes per slot (MPMC only)
 *   WRITER_HOLDER_OFFSET   long  the process holding the writing end (a lock-word identity), 0 for none yet
 *   WRITER_CLOSED_OFFSET   long  1 once that process closed it
 *   READER_HOLDER_OFFSET   long  the same for the reading end
 *   READER_CLOSED_OFFSET   long
 *   BODY_OFFSET                  the ring: Agrona's layout for SPSC, {@link MpmcRingDescriptor}'s for MPMC, and
 *                                for MPSC:
 *     MPSC_ABANDONED_OFFSET     long  records skipped because their producer died before committing them
 *     MPSC_CLAIMS_OFFSET        {@link io.multiprocessing4j.shm.sync.ProcessCountWords}: claims in progress per process
 *     MPSC_RING_OFFSET          Agrona's {@code ManyToOneRingBuffer} layout
 * </pre>
 * The header is written before the region is marked READY and never changes. An end's holder word is
 * release-stored by the process that takes the end, with its closed word cleared first; the other end
 * reads both with acquire loads, and the holder's liveness through the context's process table.
 */
public final class RingDescriptor
{
    public static final int SPSC = 1;
    public static final int MPSC = 2;
    public static final int MPMC = 3;

    public static final int KIND_OFFSET = 0;
    public static final int CAPACITY_OFFSET = 4;
    public static final int MAX_MESSAGE_OFFSET = 8;
    public static final int SLOT_LENGTH_OFFSET = 16;
    public static final int WRITER_HOLDER_OFFSET = 64;
    public static final int WRITER_CLOSED_OFFSET = 72;
    public static final int READER_HOLDER_OFFSET = 128;
    public static final int READER_CLOSED_OFFSET = 136;
    public static final int BODY_OFFSET = 256;
    public static final int MPSC_ABANDONED_OFFSET = BODY_OFFSET;
    public static final int MPSC_CLAIMS_OFFSET = BODY_OFFSET + 64;
    public static final int MPSC_RING_OFFSET =
        MPSC_CLAIMS_OFFSET + io.multiprocessing4j.shm.sync.ProcessCountWords.LENGTH;

    private RingDescriptor()
    {
    }
}
