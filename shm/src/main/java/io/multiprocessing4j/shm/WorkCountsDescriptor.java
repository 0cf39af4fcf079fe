package io.multiprocessing4j.shm;

/**
 * Layout of a {@link RegionPart.Kind#WORK_COUNTS} part: how many units of work one side handed to a worker,
 * how many the worker finished, and since when it has been running the current one, each a cache line of its
 * own with one writer.
 * <pre>
 *   SUBMITTED_OFFSET      long  units handed over, release-stored by the submitting side
 *   COMPLETED_OFFSET      long  units finished, release-stored by the worker
 *   RUNNING_SINCE_OFFSET  long  {@link System#nanoTime()} when the worker began its current unit, 0 while idle
 *   STARTED_OFFSET        long  the id of the last unit the worker began, {@link #NONE} before its first
 *   READY_SINCE_OFFSET    long  {@link System#nanoTime()} when the worker was ready for work, 0 before
 *   WITHDRAWN_OFFSET      long[{@value #WITHDRAWN_SLOTS}]  ids of units handed over but withdrawn before the worker
 *                         began them, {@link #NONE} in a free slot; written by the submitting side
 * </pre>
 * The last three are the worker's, in one cache line: it writes {@code STARTED_OFFSET} before
 * {@code RUNNING_SINCE_OFFSET}, so a reader that sees a unit's start also sees which unit it was.
 * Readers load them with acquire semantics; {@code submitted - completed} is the work in flight. The running
 * time compares across processes because every JVM on a Linux host reads {@code nanoTime} from the one
 * monotonic clock.
 */
public final class WorkCountsDescriptor
{
    public static final int SUBMITTED_OFFSET = 0;
    public static final int COMPLETED_OFFSET = 64;
    public static final int RUNNING_SINCE_OFFSET = 128;
    public static final int STARTED_OFFSET = 136;
    public static final int READY_SINCE_OFFSET = 144;
    public static final int WITHDRAWN_OFFSET = 192;
    public static final int WITHDRAWN_SLOTS = 8;
    public static final int LENGTH = WITHDRAWN_OFFSET + WITHDRAWN_SLOTS * Long.BYTES;
    public static final long IDLE = 0;
    public static final long NONE = -1;

    private WorkCountsDescriptor()
    {
    }
}
