package io.multiprocessing4j.shm;

/**
 * Layout of a {@link RegionPart.Kind#WORK_COUNTS} part: how many units of work one side handed to a worker
 * and how many the worker finished, each a cache line of its own with one writer.
 * <pre>
 *   SUBMITTED_OFFSET  long  units handed over, ordered-stored by the submitting side
 *   COMPLETED_OFFSET  long  units finished, ordered-stored by the worker
 * </pre>
 * Readers load both with acquire semantics; {@code submitted - completed} is the work in flight.
 */
public final class WorkCountsDescriptor
{
    public static final int SUBMITTED_OFFSET = 0;
    public static final int COMPLETED_OFFSET = 64;
    public static final int LENGTH = 128;

    private WorkCountsDescriptor()
    {
    }
}
