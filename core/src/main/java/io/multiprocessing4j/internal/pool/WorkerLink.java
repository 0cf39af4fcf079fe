package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.shm.MappedRegion;
import io.multiprocessing4j.shm.RegionPart;
import io.multiprocessing4j.shm.RegionType;
import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.WorkCountsDescriptor;
import io.multiprocessing4j.shm.ring.SpscRing;
import io.multiprocessing4j.shm.value.SharedObject;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;
import java.util.Objects;

/**
 * The two rings between a pool and one worker: task records one way, result records the other
 * ({@link PoolRecordDescriptor}). The pool creates the link and holds the task ring's writing end and the
 * result ring's reading end; the copy the worker attaches (by handle) holds the other two.
 * <p>
 * Layout of the region's data:
 * <pre>
 *   0                  64                         256                     256 + ring length
 *   | ring length, pad | {@link WorkCountsDescriptor work counts} | task ring (SpscRing) | result ring (SpscRing) |
 * </pre>
 * The work counts are task records sent (written by the pool's sending thread), result records sent back and
 * when the worker began its current task (written by the worker): for tools, and for the pool's task timeout.
 * Each end is used by one thread at a time (the pool serializes its own).
 */
public final class WorkerLink extends SharedObject
{
    private static final long serialVersionUID = 1L;
    private static final int RING_LENGTH_OFFSET = 0;
    private static final int WORK_COUNTS_OFFSET = 64;
    private static final int RINGS_OFFSET = WORK_COUNTS_OFFSET + WorkCountsDescriptor.LENGTH;

    private final transient ShmContext context;
    private final transient SpscRing tasks;
    private final transient SpscRing results;
    private final transient UnsafeBuffer counts;
    private final transient int countsBase;

    private WorkerLink(final MappedRegion region, final ShmContext context, final boolean worker)
    {
        super(region);
        this.context = context;
        final UnsafeBuffer buffer = region.buffer();
        final int base = region.dataOffset();
        counts = buffer;
        countsBase = base + WORK_COUNTS_OFFSET;
        tasks = new SpscRing(buffer, base + RINGS_OFFSET, context.processes());
        results = new SpscRing(buffer, base + RINGS_OFFSET + buffer.getInt(base + RING_LENGTH_OFFSET),
            context.processes());
        if (worker)
        {
            tasks.takeReader();
            results.takeWriter();
        }
        else
        {
            tasks.takeWriter();
            results.takeReader();
        }
    }

    /**
     * @param capacity   bytes of each ring, a power of two.
     * @param maxMessage the longest record either way.
     * @return the pool's end.
     */
    public static WorkerLink create(final ShmContext context, final int capacity, final int maxMessage)
    {
        final int ringLength = SpscRing.regionLength(capacity);
        final MappedRegion region = context.newRegion(RegionType.RING, RINGS_OFFSET + 2 * ringLength,
            "pool worker link", List.of(RegionPart.of(RegionPart.Kind.RING, RINGS_OFFSET),
                RegionPart.of(RegionPart.Kind.RING, RINGS_OFFSET + ringLength),
                RegionPart.of(RegionPart.Kind.WORK_COUNTS, WORK_COUNTS_OFFSET)));
        try
        {
            final UnsafeBuffer buffer = region.buffer();
            final int base = region.dataOffset();
            buffer.putInt(base + RING_LENGTH_OFFSET, ringLength);
            buffer.putLong(base + WORK_COUNTS_OFFSET + WorkCountsDescriptor.STARTED_OFFSET, WorkCountsDescriptor.NONE);
            for (int slot = 0; slot < WorkCountsDescriptor.WITHDRAWN_SLOTS; slot++)
            {
                buffer.putLong(base + WORK_COUNTS_OFFSET + withdrawnOffset(slot), WorkCountsDescriptor.NONE);
            }
            SpscRing.initialize(buffer, base + RINGS_OFFSET, capacity, maxMessage);
            SpscRing.initialize(buffer, base + RINGS_OFFSET + ringLength, capacity, maxMessage);
            return new WorkerLink(region, context, false);
        }
        catch (final RuntimeException ex)
        {
            region.close();
            throw ex;
        }
    }

    /**
     * @return the worker's end (how a deserialized link is rebuilt in the worker's JVM).
     */
    public static WorkerLink attach(final SharedHandle handle)
    {
        final MappedRegion region = attachRegion(handle, RegionType.RING);
        try
        {
            return new WorkerLink(region, ShmContext.of(handle.file().getParent()), true);
        }
        catch (final RuntimeException ex)
        {
            region.close();
            throw ex;
        }
    }

    public SpscRing tasks()
    {
        checkOpen();
        return tasks;
    }

    public SpscRing results()
    {
        checkOpen();
        return results;
    }

    /**
     * Counts a task record the pool has sent; called by the pool's one sending thread.
     */
    public void taskSent()
    {
        final int offset = countsBase + WorkCountsDescriptor.SUBMITTED_OFFSET;
        counts.putLongRelease(offset, counts.getLong(offset) + 1);
    }

    /**
     * Marks the worker as ready for tasks; called by the worker's one thread once it has started.
     */
    public void ready()
    {
        counts.putLongRelease(countsBase + WorkCountsDescriptor.READY_SINCE_OFFSET, System.nanoTime());
    }

    /**
     * @return whether the worker has said it is ready for tasks.
     */
    public boolean isReady()
    {
        checkOpen();
        return 0 != counts.getLongAcquire(countsBase + WorkCountsDescriptor.READY_SINCE_OFFSET);
    }

    /**
     * Marks the worker as running task {@code taskId} from now; called by the worker's one thread.
     */
    public void taskStarted(final long taskId)
    {
        counts.putLongRelease(countsBase + WorkCountsDescriptor.STARTED_OFFSET, taskId);
        counts.putLongRelease(countsBase + WorkCountsDescriptor.RUNNING_SINCE_OFFSET, System.nanoTime());
    }

    /**
     * @return the id of the last task the worker began, {@link WorkCountsDescriptor#NONE} before its first;
     * readable after the worker has died, until the link is closed.
     */
    public long startedTask()
    {
        checkOpen();
        return counts.getLongAcquire(countsBase + WorkCountsDescriptor.STARTED_OFFSET);
    }

    /**
     * Counts a result record the worker has sent back and marks it idle; called by the worker's one thread.
     */
    public void taskCompleted()
    {
        final int offset = countsBase + WorkCountsDescriptor.COMPLETED_OFFSET;
        counts.putLongRelease(offset, counts.getLong(offset) + 1);
        counts.putLongRelease(countsBase + WorkCountsDescriptor.RUNNING_SINCE_OFFSET, WorkCountsDescriptor.IDLE);
    }

    /**
     * @return how long the worker has been running its current task record, 0 if it is running none (it may
     * not have started yet: a new worker's JVM start does not count).
     */
    public long runningNanos(final long now)
    {
        checkOpen();
        final long since = counts.getLongAcquire(countsBase + WorkCountsDescriptor.RUNNING_SINCE_OFFSET);
        return WorkCountsDescriptor.IDLE == since ? 0 : now - since;
    }

    /**
     * Withdraws task {@code taskId}, sent and not yet begun, so that the worker skips it; called by the pool,
     * which keeps each slot until that task's result record has come back.
     */
    public void withdraw(final int slot, final long taskId)
    {
        checkOpen();
        counts.putLongRelease(countsBase + withdrawnOffset(slot), taskId);
    }

    /**
     * @return the task withdrawn in {@code slot}, {@link WorkCountsDescriptor#NONE} if none.
     */
    public long withdrawn(final int slot)
    {
        return counts.getLongAcquire(countsBase + withdrawnOffset(slot));
    }

    /**
     * @return whether the pool withdrew task {@code taskId}; called by the worker before it begins the task.
     */
    public boolean isWithdrawn(final long taskId)
    {
        for (int slot = 0; slot < WorkCountsDescriptor.WITHDRAWN_SLOTS; slot++)
        {
            if (taskId == withdrawn(slot))
            {
                return true;
            }
        }
        return false;
    }

    private static int withdrawnOffset(final int slot)
    {
        return WorkCountsDescriptor.WITHDRAWN_OFFSET + Objects.checkIndex(slot, WorkCountsDescriptor.WITHDRAWN_SLOTS) *
            Long.BYTES;
    }

    public ShmContext context()
    {
        return context;
    }

    protected void onClose()
    {
        tasks.closeWriter();
        tasks.closeReader();
        results.closeWriter();
        results.closeReader();
    }
}
