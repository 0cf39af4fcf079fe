package io.multiprocessing4j.internal.pool;

import org.agrona.concurrent.UnsafeBuffer;

import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.TASK_ID_OFFSET;

/**
 * One chunk of a {@link PoolJob}: its TASK record, and where it stands. Its fields are guarded by the
 * {@link TaskDispatcher}'s lock, except {@link #function}, which the thread sending it owns.
 */
public final class PoolTask
{
    final byte[] record;
    final int functionId;
    /** The function's FUNCTION record. */
    final byte[] functionRecord;
    final PoolJob job;
    final int offset;
    final int count;
    long id;
    int attempts;
    boolean timedOut;
    /** The function's record, to send before the task to a worker that lacks it; else null. */
    byte[] function;

    /**
     * @param record the TASK record, its id still unset.
     * @param functionRecord the FUNCTION record of the function it names.
     * @param offset the index of its first argument in the job.
     * @param count  how many arguments it holds.
     */
    PoolTask(final byte[] record, final int functionId, final byte[] functionRecord, final PoolJob job,
        final int offset, final int count)
    {
        this.record = record;
        this.functionId = functionId;
        this.functionRecord = functionRecord;
        this.job = job;
        this.offset = offset;
        this.count = count;
    }

    /**
     * Numbers the task, in its record too.
     */
    public void number(final long taskId)
    {
        id = taskId;
        new UnsafeBuffer(record).putLong(TASK_ID_OFFSET, taskId);
    }

    public long id()
    {
        return id;
    }

    /** @return the TASK record, numbered once {@link #number} has been called. */
    public byte[] record()
    {
        return record;
    }

    public int functionId()
    {
        return functionId;
    }

    /** @return the FUNCTION record of the function it names. */
    public byte[] functionRecord()
    {
        return functionRecord;
    }

    public PoolJob job()
    {
        return job;
    }

    /** @return how many arguments it holds. */
    public int count()
    {
        return count;
    }

    public String toString()
    {
        return "PoolTask[" + id + ", arguments " + offset + ".." + (offset + count) + "]";
    }
}
