package io.multiprocessing4j;

import io.multiprocessing4j.codec.ClassAllowList;
import io.multiprocessing4j.codec.Codec;
import io.multiprocessing4j.shm.MappedRegion;
import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.ShmContext;

/**
 * Python's {@code multiprocessing.SimpleQueue}: {@link #put}, {@link #get} and {@link #isEmpty}, nothing
 * more, on the same shared ring as {@link SharedQueue}. Passes to child processes by handle. Thread-safe;
 * use after {@link #close()} throws {@link IllegalStateException}.
 *
 * @param <E> the items' type.
 */
public final class SimpleQueue<E> extends QueueChannel<E>
{
    private static final long serialVersionUID = 1L;

    private SimpleQueue(final MappedRegion region, final ShmContext context)
    {
        super(region, context);
    }

    public static <E> SimpleQueue<E> create(final ShmContext context)
    {
        return new SimpleQueue<>(newQueueRegion(context, "simple queue", 0, Codec.fory(ClassAllowList.defaults()),
            DEFAULT_SLOTS, DEFAULT_SLOT_LENGTH), context);
    }

    /**
     * @param allowClasses class-name prefixes whose objects may travel through the queue besides the defaults and
     *                     the creating code's own package.
     */
    public static <E> SimpleQueue<E> create(final ShmContext context, final String... allowClasses)
    {
        return new SimpleQueue<>(newQueueRegion(context, "simple queue", 0,
            Codec.fory(ClassAllowList.defaults().with(allowClasses)), DEFAULT_SLOTS, DEFAULT_SLOT_LENGTH), context);
    }

    public static SimpleQueue<Object> attach(final SharedHandle handle)
    {
        final MappedRegion region = attachQueueRegion(handle);
        return new SimpleQueue<>(region, AbstractSharedLock.contextOf(handle, region));
    }

    /**
     * Puts an item, waiting while the ring is full.
     */
    public void put(final E item) throws InterruptedException
    {
        putUntil(item, Long.MAX_VALUE);
    }

    /**
     * Takes the next item, waiting as long as it takes.
     */
    public E get() throws InterruptedException
    {
        return takeUntil(Long.MAX_VALUE);
    }

    public boolean isEmpty()
    {
        return 0 == count();
    }

    public String toString()
    {
        return "SimpleQueue" + (isClosed() ? "[closed]" : "[" + count() + " items, " + handle() + "]");
    }
}
