package io.multiprocessing4j.shm;

/**
 * Layout of a {@link RegionPart.Kind#WORK_COUNTS} part: how many units of work one side handed to a worker,
 * how many the worker finished, and since when it has been running the current one, each a cache line of its
 * own with one writer.
 * <pre>
 *   SUBMITTED_OFFSET      long  units handed over, release-stored by the submitting side
 *   COMPLETED_OFFSET      long  units finished, release-stored by the worker
 *   RUNNING_SINCE_OFFSET  long  {@link System#nanoTime()} when the worker began its current unit, 0 while idle
 * </pre>
 * Readers load them with acquire semantics; {@code submitted - completed} is the work in flight. The running
 * time compares across processes because every JVM on a Linux host reads {@code nanoTime} from the one
 * monotonic clock.
 */
public final class WorkCountsDescriptor
{
    public static final int SUBMITTED_OFFSET = 0;
    public static final int COMPLETED_OFFSET = 64;
    public static final int RUNNING_SINCE_OFFSET = 128;
    public static final int LENGTH = 192;
    public static final long IDLE = 0;

    private WorkCountsDescriptor()
    {
    }
}
