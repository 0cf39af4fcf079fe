package io.multiprocessing4j.shm.value;

import io.multiprocessing4j.shm.MappedFiles;
import io.multiprocessing4j.shm.MappedRegion;
import io.multiprocessing4j.shm.RegionType;
import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.ShmContext;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * A fixed-length {@code long[]} in shared memory, Python's {@code Array('q', n)}: per-element
 * {@link java.util.concurrent.atomic.AtomicLongArray} operations, atomic across every thread of every
 * process that maps it, and bulk copies to and from Java arrays (plain accesses: order them with a
 * volatile or release/acquire element access, or with process start and join). Elements are packed and
 * naturally aligned. Every index is bounds-checked.
 */
public final class SharedLongArray extends SharedObject
{
    private static final int SHIFT = 3;

    private final int length;

    private SharedLongArray(final MappedRegion region)
    {
        super(region);
        this.length = region.capacity() >> SHIFT;
    }

    public static SharedLongArray create(final ShmContext context, final int length)
    {
        return new SharedLongArray(newRegion(context, RegionType.LONG_ARRAY, length));
    }

    /**
     * @return a new shared array holding a copy of {@code values}.
     */
    public static SharedLongArray create(final ShmContext context, final long[] values)
    {
        Objects.requireNonNull(values, "values");
        final SharedLongArray array = create(context, values.length);
        array.copyFrom(values, 0, 0, values.length);
        return array;
    }

    public static SharedLongArray attach(final SharedHandle handle)
    {
        return new SharedLongArray(attachRegion(handle, RegionType.LONG_ARRAY));
    }

    public int length()
    {
        return length;
    }

    public long get(final int index)
    {
        return MappedAccess.getLongVolatile(address(index));
    }

    public void set(final int index, final long newValue)
    {
        MappedAccess.putLongVolatile(address(index), newValue);
    }

    public long getPlain(final int index)
    {
        return MappedAccess.getLong(address(index));
    }

    public void setPlain(final int index, final long newValue)
    {
        MappedAccess.putLong(address(index), newValue);
    }

    public long getOpaque(final int index)
    {
        return MappedAccess.getLongOpaque(address(index));
    }

    public void setOpaque(final int index, final long newValue)
    {
        MappedAccess.putLongOpaque(address(index), newValue);
    }

    public long getAcquire(final int index)
    {
        return MappedAccess.getLongAcquire(address(index));
    }

    public void setRelease(final int index, final long newValue)
    {
        MappedAccess.putLongRelease(address(index), newValue);
    }

    public long getAndSet(final int index, final long newValue)
    {
        return MappedAccess.getAndSetLong(address(index), newValue);
    }

    public long getAndAdd(final int index, final long delta)
    {
        return MappedAccess.getAndAddLong(address(index), delta);
    }

    public long addAndGet(final int index, final long delta)
    {
        return MappedAccess.getAndAddLong(address(index), delta) + delta;
    }

    public long getAndIncrement(final int index)
    {
        return getAndAdd(index, 1);
    }

    public long incrementAndGet(final int index)
    {
        return addAndGet(index, 1);
    }

    public long getAndDecrement(final int index)
    {
        return getAndAdd(index, -1);
    }

    public long decrementAndGet(final int index)
    {
        return addAndGet(index, -1);
    }

    public boolean compareAndSet(final int index, final long expectedValue, final long newValue)
    {
        return MappedAccess.compareAndSetLong(address(index), expectedValue, newValue);
    }

    /**
     * Atomically replace element {@code index} with {@code function(element)}, retrying on contention, so
     * the function must be free of side effects.
     *
     * @return the previous value.
     */
    public long getAndUpdate(final int index, final LongUnaryOperator function)
    {
        long previous;
        do
        {
            previous = get(index);
        }
        while (!compareAndSet(index, previous, function.applyAsLong(previous)));
        return previous;
    }

    public long updateAndGet(final int index, final LongUnaryOperator function)
    {
        long previous;
        long next;
        do
        {
            previous = get(index);
            next = function.applyAsLong(previous);
        }
        while (!compareAndSet(index, previous, next));
        return next;
    }

    public long getAndAccumulate(final int index, final long x, final LongBinaryOperator function)
    {
        return getAndUpdate(index, v -> function.applyAsLong(v, x));
    }

    public long accumulateAndGet(final int index, final long x, final LongBinaryOperator function)
    {
        return updateAndGet(index, v -> function.applyAsLong(v, x));
    }

    /**
     * Copy {@code count} elements starting at {@code srcIndex} into {@code dst} at {@code dstIndex}.
     */
    public void copyTo(final int srcIndex, final long[] dst, final int dstIndex, final int count)
    {
        Objects.requireNonNull(dst, "dst");
        Objects.checkFromIndexSize(srcIndex, count, length);
        try
        {
            region.dataView().asLongBuffer().get(srcIndex, dst, dstIndex, count);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    /**
     * Copy {@code count} elements of {@code src} starting at {@code srcIndex} into this array at {@code dstIndex}.
     */
    public void copyFrom(final long[] src, final int srcIndex, final int dstIndex, final int count)
    {
        Objects.requireNonNull(src, "src");
        Objects.checkFromIndexSize(dstIndex, count, length);
        try
        {
            region.dataView().asLongBuffer().put(dstIndex, src, srcIndex, count);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    /**
     * @return a copy of every element, Python's {@code arr[:]}.
     */
    public long[] toArray()
    {
        final long[] copy = new long[length];
        copyTo(0, copy, 0, length);
        return copy;
    }

    public void fill(final long value)
    {
        final long[] chunk = new long[Math.min(length, 8192)];
        Arrays.fill(chunk, value);
        for (int i = 0; i < length; i += chunk.length)
        {
            copyFrom(chunk, 0, i, Math.min(chunk.length, length - i));
        }
    }

    public String toString()
    {
        return "SharedLongArray[length=" + length + ", " + region.path() + "]";
    }

    private long address(final int index)
    {
        return region.dataAddress() + ((long) Objects.checkIndex(index, length) << SHIFT);
    }
}
