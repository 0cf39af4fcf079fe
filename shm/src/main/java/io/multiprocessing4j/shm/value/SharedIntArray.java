package io.multiprocessing4j.shm.value;

import io.multiprocessing4j.shm.MappedFiles;
import io.multiprocessing4j.shm.MappedRegion;
import io.multiprocessing4j.shm.RegionType;
import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.ShmContext;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;

/**
 * A fixed-length {@code int[]} in shared memory, Python's {@code Array('i', n)}: per-element
 * {@link java.util.concurrent.atomic.AtomicIntegerArray} operations, atomic across every thread of every
 * process that maps it, and bulk copies to and from Java arrays (plain accesses: order them with a
 * volatile or release/acquire element access, or with process start and join). Elements are packed and
 * naturally aligned. Every index is bounds-checked.
 */
public final class SharedIntArray extends SharedObject
{
    private static final int SHIFT = 2;

    private final int length;

    private SharedIntArray(final MappedRegion region)
    {
        super(region);
        this.length = region.capacity() >> SHIFT;
    }

    public static SharedIntArray create(final ShmContext context, final int length)
    {
        return new SharedIntArray(newRegion(context, RegionType.INT_ARRAY, length));
    }

    /**
     * @return a new shared array holding a copy of {@code values}.
     */
    public static SharedIntArray create(final ShmContext context, final int[] values)
    {
        Objects.requireNonNull(values, "values");
        final SharedIntArray array = create(context, values.length);
        array.copyFrom(values, 0, 0, values.length);
        return array;
    }

    public static SharedIntArray attach(final SharedHandle handle)
    {
        return new SharedIntArray(attachRegion(handle, RegionType.INT_ARRAY));
    }

    public int length()
    {
        return length;
    }

    public int get(final int index)
    {
        return MappedAccess.getIntVolatile(address(index));
    }

    public void set(final int index, final int newValue)
    {
        MappedAccess.putIntVolatile(address(index), newValue);
    }

    public int getPlain(final int index)
    {
        return MappedAccess.getInt(address(index));
    }

    public void setPlain(final int index, final int newValue)
    {
        MappedAccess.putInt(address(index), newValue);
    }

    public int getOpaque(final int index)
    {
        return MappedAccess.getIntOpaque(address(index));
    }

    public void setOpaque(final int index, final int newValue)
    {
        MappedAccess.putIntOpaque(address(index), newValue);
    }

    public int getAcquire(final int index)
    {
        return MappedAccess.getIntAcquire(address(index));
    }

    public void setRelease(final int index, final int newValue)
    {
        MappedAccess.putIntRelease(address(index), newValue);
    }

    public int getAndSet(final int index, final int newValue)
    {
        return MappedAccess.getAndSetInt(address(index), newValue);
    }

    public int getAndAdd(final int index, final int delta)
    {
        return MappedAccess.getAndAddInt(address(index), delta);
    }

    public int addAndGet(final int index, final int delta)
    {
        return MappedAccess.getAndAddInt(address(index), delta) + delta;
    }

    public int getAndIncrement(final int index)
    {
        return getAndAdd(index, 1);
    }

    public int incrementAndGet(final int index)
    {
        return addAndGet(index, 1);
    }

    public int getAndDecrement(final int index)
    {
        return getAndAdd(index, -1);
    }

    public int decrementAndGet(final int index)
    {
        return addAndGet(index, -1);
    }

    public boolean compareAndSet(final int index, final int expectedValue, final int newValue)
    {
        return MappedAccess.compareAndSetInt(address(index), expectedValue, newValue);
    }

    /**
     * Atomically replace element {@code index} with {@code function(element)}, retrying on contention, so
     * the function must be free of side effects.
     *
     * @return the previous value.
     */
    public int getAndUpdate(final int index, final IntUnaryOperator function)
    {
        int previous;
        do
        {
            previous = get(index);
        }
        while (!compareAndSet(index, previous, function.applyAsInt(previous)));
        return previous;
    }

    public int updateAndGet(final int index, final IntUnaryOperator function)
    {
        int previous;
        int next;
        do
        {
            previous = get(index);
            next = function.applyAsInt(previous);
        }
        while (!compareAndSet(index, previous, next));
        return next;
    }

    public int getAndAccumulate(final int index, final int x, final IntBinaryOperator function)
    {
        return getAndUpdate(index, v -> function.applyAsInt(v, x));
    }

    public int accumulateAndGet(final int index, final int x, final IntBinaryOperator function)
    {
        return updateAndGet(index, v -> function.applyAsInt(v, x));
    }

    /**
     * Copy {@code count} elements starting at {@code srcIndex} into {@code dst} at {@code dstIndex}.
     */
    public void copyTo(final int srcIndex, final int[] dst, final int dstIndex, final int count)
    {
        Objects.requireNonNull(dst, "dst");
        Objects.checkFromIndexSize(srcIndex, count, length);
        try
        {
            region.dataView().asIntBuffer().get(srcIndex, dst, dstIndex, count);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    /**
     * Copy {@code count} elements of {@code src} starting at {@code srcIndex} into this array at {@code dstIndex}.
     */
    public void copyFrom(final int[] src, final int srcIndex, final int dstIndex, final int count)
    {
        Objects.requireNonNull(src, "src");
        Objects.checkFromIndexSize(dstIndex, count, length);
        try
        {
            region.dataView().asIntBuffer().put(dstIndex, src, srcIndex, count);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    /**
     * @return a copy of every element, Python's {@code arr[:]}.
     */
    public int[] toArray()
    {
        final int[] copy = new int[length];
        copyTo(0, copy, 0, length);
        return copy;
    }

    public void fill(final int value)
    {
        final int[] chunk = new int[Math.min(length, 8192)];
        Arrays.fill(chunk, value);
        for (int i = 0; i < length; i += chunk.length)
        {
            copyFrom(chunk, 0, i, Math.min(chunk.length, length - i));
        }
    }

    public String toString()
    {
        return "SharedIntArray[length=" + length + ", " + region.path() + "]";
    }

    private long address(final int index)
    {
        return region.dataAddress() + ((long) Objects.checkIndex(index, length) << SHIFT);
    }
}
