package io.multiprocessing4j;

import io.multiprocessing4j.codec.ClassAllowList;
import io.multiprocessing4j.codec.Codec;
import io.multiprocessing4j.shm.MappedRegion;
import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.ShmContext;

import java.time.Duration;
import java.util.Objects;

/**
 * Python's {@code multiprocessing.JoinableQueue}: a {@link SharedQueue} that counts items put and not yet
 * marked done; {@link #taskDone()} marks one, and {@link #join()} waits until none is left. Passes to child
 * processes by handle. Thread-safe.
 *
 * @param <E> the items' type.
 */
public final class JoinableQueue<E> extends SharedQueue<E>
{
    private static final long serialVersionUID = 1L;

    private JoinableQueue(final MappedRegion region, final ShmContext context)
    {
        super(region, context);
    }

    public static <E> JoinableQueue<E> create(final ShmContext context)
    {
        return create(context, 0);
    }

    public static <E> JoinableQueue<E> create(final ShmContext context, final int maxsize)
    {
        return new JoinableQueue<>(newQueueRegion(context, "joinable queue", maxsize,
            Codec.fory(ClassAllowList.defaults()), DEFAULT_SLOTS, DEFAULT_SLOT_LENGTH), context);
    }

    /**
     * @param allowClasses class-name prefixes whose objects may travel through the queue besides the defaults and
     *                     the creating code's own package.
     */
    public static <E> JoinableQueue<E> create(final ShmContext context, final int maxsize,
        final String... allowClasses)
    {
        return new JoinableQueue<>(newQueueRegion(context, "joinable queue", maxsize,
            Codec.fory(ClassAllowList.defaults().with(allowClasses)), DEFAULT_SLOTS, DEFAULT_SLOT_LENGTH), context);
    }

    public static JoinableQueue<Object> attach(final SharedHandle handle)
    {
        final MappedRegion region = attachQueueRegion(handle);
        return new JoinableQueue<>(region, AbstractSharedLock.contextOf(handle, region));
    }

    /**
     * Marks one item taken from the queue as done (Python's {@code task_done()}).
     *
     * @throws IllegalStateException if called more times than items were put (Python's ValueError).
     */
    public void taskDone()
    {
        checkOpen();
        final int offset = base + UNFINISHED_OFFSET;
        while (true)
        {
            final long unfinished = buffer.getLongVolatile(offset);
            if (unfinished <= 0)
            {
                throw new IllegalStateException("taskDone() called more times than items were put");
            }
            if (buffer.compareAndSetLong(offset, unfinished, unfinished - 1))
            {
                return;
            }
        }
    }

    /**
     * Waits until every item put has been marked done.
     */
    public void join() throws InterruptedException
    {
        joinUntil(Long.MAX_VALUE);
    }

    /**
     * @return whether every item was done within {@code timeout}.
     */
    public boolean join(final Duration timeout) throws InterruptedException
    {
        Objects.requireNonNull(timeout, "timeout");
        return joinUntil(System.nanoTime() + Math.max(0, timeout.toNanos()));
    }

    /**
     * @return items put and not yet marked done.
     */
    public long unfinishedTasks()
    {
        checkOpen();
        return buffer.getLongVolatile(base + UNFINISHED_OFFSET);
    }

    void beforePut()
    {
        buffer.getAndAddLong(base + UNFINISHED_OFFSET, 1);
    }

    void afterFailedPut()
    {
        buffer.getAndAddLong(base + UNFINISHED_OFFSET, -1);
    }

    private boolean joinUntil(final long deadlineNanos) throws InterruptedException
    {
        checkOpen();
        return SharedWait.until(buffer, () -> 0 == buffer.getLongVolatile(base + UNFINISHED_OFFSET),
            deadlineNanos, context.idlePolicy(), () -> "interrupted in join() of " + this);
    }
}
