package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.ProcessContext;
import io.multiprocessing4j.codec.ClassAllowList;
import io.multiprocessing4j.codec.Codec;
import io.multiprocessing4j.shm.IdlePolicy;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * What a pool was built with ({@code Pool.Builder}), in the form its parts use. Immutable.
 *
 * @param processes        how many workers.
 * @param initializer      the initializer as {@code SerializedFunctions} encodes it, or {@code null}.
 * @param maxTasksPerChild tasks a worker runs before it is replaced; 0 for no limit.
 * @param retries          how many times a task whose worker died is given to another worker.
 * @param taskTimeoutNanos how long one task may run; 0 for no limit.
 * @param allowed          class-name prefixes that values may have besides the defaults.
 * @param idlePolicy       how the pool and its workers wait, or {@code null} for the default.
 * @param context          how workers start, or {@code null} for the default.
 */
public record PoolSettings(int processes, byte[] initializer, int maxTasksPerChild, int retries,
    long taskTimeoutNanos, String[] allowed, IdlePolicy idlePolicy, ProcessContext context)
{
    /** Tasks a worker may hold at most. */
    public static final int WINDOW = 4;
    /** A worker whose tasks run at least this long (or are not timed yet) holds two tasks, not {@value #WINDOW}. */
    public static final long LONG_TASK_NS = TimeUnit.MICROSECONDS.toNanos(500);
    /** Bytes of each of a worker's rings. */
    public static final int RING_CAPACITY = 1 << 20;
    /** The longest task or result record. */
    public static final int MAX_RECORD = 256 << 20;
    /**
     * A worker's ring always has room for the {@value #WINDOW} tasks it may hold and their functions when each
     * record is at most this long (and whole, under Agrona's eighth of the ring), so sending them never waits. A
     * longer record goes only to a worker holding no task, which reads it as it is written.
     */
    public static final int INLINE_LIMIT = RING_CAPACITY / (4 * WINDOW);

    /**
     * @return the codec for values whose classes the defaults and {@link #allowed} admit.
     */
    public Codec codec()
    {
        return Codec.fory(ClassAllowList.defaults().with(allowed));
    }

    /**
     * @return Python's default chunk size for {@code length} arguments: length / (4 × workers), rounded up.
     */
    public int defaultChunksize(final int length)
    {
        return defaultChunksize(length, processes);
    }

    /**
     * @return Python's default chunk size for {@code length} arguments over {@code workers}.
     */
    public static int defaultChunksize(final int length, final int workers)
    {
        final int chunks = workers * 4;
        return Math.max(1, length / chunks + (0 == length % chunks ? 0 : 1));
    }

    /**
     * @return {@code chunksize}.
     * @throws IllegalArgumentException if it is less than 1.
     */
    public static int checkChunksize(final int chunksize)
    {
        if (chunksize < 1)
        {
            throw new IllegalArgumentException("chunksize must be at least 1: " + chunksize +
                " (leave it out for Python's default)");
        }
        return chunksize;
    }

    /**
     * @return {@code value}.
     * @throws IllegalArgumentException naming the setting if it is less than {@code min} (0 or 1).
     */
    public static int atLeast(final int min, final int value, final String name)
    {
        if (value < min)
        {
            throw new IllegalArgumentException(name + (0 == min ? " must not be negative: " : " must be at least " +
                min + ": ") + value);
        }
        return value;
    }

    /**
     * @return {@code duration}.
     * @throws IllegalArgumentException naming the setting if it is not positive.
     */
    public static Duration positive(final Duration duration, final String name)
    {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero())
        {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
        return duration;
    }
}
