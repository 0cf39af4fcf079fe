package io.multiprocessing4j;

import io.multiprocessing4j.codec.ClassAllowList;
import io.multiprocessing4j.codec.Codec;
import io.multiprocessing4j.shm.MappedRegion;
import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.ShmContext;

import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Python's {@code multiprocessing.Queue}: a {@link BlockingQueue} that every thread of every process that has
 * it may put to and take from, each item taken once, and the items of one putting thread taken in the order
 * it put them. Strings, {@code byte[]} and boxed primitives travel as themselves, anything else through the
 * queue's codec (chosen at creation, with its allow-list, for every process); {@code put(null)} throws.
 * <p>
 * Items live in a multi-producer, multi-consumer ring in shared memory ({@link
 * io.multiprocessing4j.shm.ring.MpmcRing}).
 * A {@code put} that returned is in shared memory: there is no feeder thread, and nothing is lost if the
 * putting process exits right after. An item that does not fit the ring travels in a file of its own. A
 * process that dies in the middle of a put or take never stalls the others: what it was putting is skipped,
 * what it had taken is lost with it, and {@link #lostToDeadProcesses()} counts both. An unencodable item
 * throws in the caller, naming its class, and leaves the queue unchanged.
 * <p>
 * {@link #size()} is a snapshot, as Python's {@code qsize()} is. Methods that cannot be honest across
 * processes ({@code peek}, {@code iterator}, {@code contains}, {@code remove(Object)}, {@code toArray}) throw
 * {@link UnsupportedOperationException}. Passes to child processes by handle. Thread-safe; use after
 * {@link #close()} throws {@link IllegalStateException}.
 *
 * @param <E> the items' type.
 */
public class SharedQueue<E> extends QueueChannel<E> implements BlockingQueue<E>
{
    private static final long serialVersionUID = 1L;
    private static final String NOT_ACROSS_PROCESSES =
        " cannot be answered honestly while other processes take from the queue";

    SharedQueue(final MappedRegion region, final ShmContext context)
    {
        super(region, context);
    }

    /**
     * @return a queue as long as its ring allows ({@value #DEFAULT_SLOTS} slots), with the default codec.
     */
    public static <E> SharedQueue<E> create(final ShmContext context)
    {
        return create(context, 0);
    }

    /**
     * @param maxsize the most items it holds (Python's {@code maxsize}); 0 for as many as the ring takes.
     */
    public static <E> SharedQueue<E> create(final ShmContext context, final int maxsize)
    {
        return create(context, maxsize, Codec.fory(ClassAllowList.defaults()), DEFAULT_SLOTS, DEFAULT_SLOT_LENGTH);
    }

    /**
     * @param allowClasses class-name prefixes ({@code "com.acme."}) whose objects may travel through the queue besides
     *                     the defaults and the creating code's own package.
     */
    public static <E> SharedQueue<E> create(final ShmContext context, final int maxsize, final String... allowClasses)
    {
        return create(context, maxsize, Codec.fory(ClassAllowList.defaults().with(allowClasses)), DEFAULT_SLOTS,
            DEFAULT_SLOT_LENGTH);
    }

    /**
     * @param codec      encodes items that are not strings, arrays of bytes or boxed primitives, in every process.
     * @param slots      the ring's slots, a power of two.
     * @param slotLength bytes per slot, a multiple of 8 of at least 32; an item takes as many slots as it needs.
     */
    public static <E> SharedQueue<E> create(
        final ShmContext context, final int maxsize, final Codec codec, final int slots, final int slotLength)
    {
        final MappedRegion region = newQueueRegion(context, "queue", maxsize, codec, slots, slotLength);
        return new SharedQueue<>(region, context);
    }

    public static SharedQueue<Object> attach(final SharedHandle handle)
    {
        final MappedRegion region = attachQueueRegion(handle);
        return new SharedQueue<>(region, AbstractSharedLock.contextOf(handle, region));
    }

    public void put(final E item) throws InterruptedException
    {
        putUntil(item, Long.MAX_VALUE);
    }

    public boolean offer(final E item)
    {
        try
        {
            return putUntil(item, System.nanoTime());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean offer(final E item, final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return putUntil(item, deadline(timeout, unit));
    }

    /**
     * @throws IllegalStateException if the queue is full (Python's {@code queue.Full}).
     */
    public boolean add(final E item)
    {
        if (!offer(item))
        {
            throw new IllegalStateException("queue full: " + this);
        }
        return true;
    }

    public E take() throws InterruptedException
    {
        return takeUntil(Long.MAX_VALUE);
    }

    public E poll(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return takeUntil(deadline(timeout, unit));
    }

    /**
     * Python's {@code get(timeout=...)}.
     *
     * @return the next item, or null if none came within {@code timeout}.
     */
    public E poll(final Duration timeout) throws InterruptedException
    {
        Objects.requireNonNull(timeout, "timeout");
        return takeUntil(System.nanoTime() + Math.max(0, timeout.toNanos()));
    }

    public E poll()
    {
        try
        {
            return takeUntil(System.nanoTime());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * @throws NoSuchElementException if the queue is empty (Python's {@code queue.Empty}).
     */
    public E remove()
    {
        final E item = poll();
        if (null == item)
        {
            throw new NoSuchElementException("queue empty: " + this);
        }
        return item;
    }

    public int size()
    {
        return count();
    }

    public boolean isEmpty()
    {
        return 0 == count();
    }

    /**
     * @return places left before {@code maxsize}, or {@link Integer#MAX_VALUE} for a queue bounded by its ring only.
     */
    public int remainingCapacity()
    {
        return 0 == maxsize() ? Integer.MAX_VALUE : (int)Math.max(0, maxsize() - count());
    }

    public int drainTo(final Collection<? super E> sink)
    {
        return drainTo(sink, Integer.MAX_VALUE);
    }

    public int drainTo(final Collection<? super E> sink, final int maxElements)
    {
        Objects.requireNonNull(sink, "sink");
        if (sink == this)
        {
            throw new IllegalArgumentException("cannot drain a queue into itself");
        }
        int drained = 0;
        E item;
        while (drained < maxElements && null != (item = poll()))
        {
            sink.add(item);
            drained++;
        }
        return drained;
    }

    /**
     * Takes and discards every item there is now.
     */
    public void clear()
    {
        while (null != poll())
        {
            Thread.onSpinWait();
        }
    }

    public boolean addAll(final Collection<? extends E> items)
    {
        Objects.requireNonNull(items, "items");
        if (items == this)
        {
            throw new IllegalArgumentException("cannot add a queue to itself");
        }
        for (final E item : items)
        {
            add(item);
        }
        return !items.isEmpty();
    }

    public E element()
    {
        throw unsupported("element()");
    }

    public E peek()
    {
        throw unsupported("peek()");
    }

    public boolean remove(final Object item)
    {
        throw unsupported("remove(Object)");
    }

    public boolean contains(final Object item)
    {
        throw unsupported("contains(Object)");
    }

    public Iterator<E> iterator()
    {
        throw unsupported("iterator()");
    }

    public Object[] toArray()
    {
        throw unsupported("toArray()");
    }

    public <T> T[] toArray(final T[] array)
    {
        throw unsupported("toArray(T[])");
    }

    public boolean containsAll(final Collection<?> items)
    {
        throw unsupported("containsAll(Collection)");
    }

    public boolean removeAll(final Collection<?> items)
    {
        throw unsupported("removeAll(Collection)");
    }

    public boolean retainAll(final Collection<?> items)
    {
        throw unsupported("retainAll(Collection)");
    }

    public String toString()
    {
        return getClass().getSimpleName() + (isClosed() ? "[closed]" : "[" + size() + " items, " + handle() + "]");
    }

    private static long deadline(final long timeout, final TimeUnit unit)
    {
        return System.nanoTime() + Math.max(0, unit.toNanos(timeout));
    }

    private static UnsupportedOperationException unsupported(final String method)
    {
        return new UnsupportedOperationException(method + NOT_ACROSS_PROCESSES + "; take items with poll or take");
    }
}
