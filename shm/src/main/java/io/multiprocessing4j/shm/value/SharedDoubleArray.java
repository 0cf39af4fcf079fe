package io.multiprocessing4j.shm.value;

import io.multiprocessing4j.shm.MappedFiles;
import io.multiprocessing4j.shm.MappedRegion;
import io.multiprocessing4j.shm.RegionType;
import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.ShmContext;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * A fixed-length {@code double[]} in shared memory, Python's {@code Array('d', n)}. Elements are stored
 * as raw long bits: {@link #compareAndSet} compares bits, arithmetic updates are CAS loops, all atomic
 * across processes. Bulk copies use plain accesses (order them with a volatile or release/acquire
 * element access, or with process start and join). Every index is bounds-checked.
 */
public final class SharedDoubleArray extends SharedObject
{
    private static final int SHIFT = 3;

    private final int length;

    private SharedDoubleArray(final MappedRegion region)
    {
        super(region);
        this.length = region.capacity() >> SHIFT;
    }

    public static SharedDoubleArray create(final ShmContext context, final int length)
    {
        return new SharedDoubleArray(newRegion(context, RegionType.DOUBLE_ARRAY, length));
    }

    /**
     * @return a new shared array holding a copy of {@code values}.
     */
    public static SharedDoubleArray create(final ShmContext context, final double[] values)
    {
        Objects.requireNonNull(values, "values");
        final SharedDoubleArray array = create(context, values.length);
        array.copyFrom(values, 0, 0, values.length);
        return array;
    }

    public static SharedDoubleArray attach(final SharedHandle handle)
    {
        return new SharedDoubleArray(attachRegion(handle, RegionType.DOUBLE_ARRAY));
    }

    public int length()
    {
        return length;
    }

    public double get(final int index)
    {
        return Double.longBitsToDouble(MappedAccess.getLongVolatile(address(index)));
    }

    public void set(final int index, final double newValue)
    {
        MappedAccess.putLongVolatile(address(index), Double.doubleToRawLongBits(newValue));
    }

    public double getPlain(final int index)
    {
        return MappedAccess.getDouble(address(index));
    }

    public void setPlain(final int index, final double newValue)
    {
        MappedAccess.putDouble(address(index), newValue);
    }

    public double getOpaque(final int index)
    {
        return Double.longBitsToDouble(MappedAccess.getLongOpaque(address(index)));
    }

    public void setOpaque(final int index, final double newValue)
    {
        MappedAccess.putLongOpaque(address(index), Double.doubleToRawLongBits(newValue));
    }

    public double getAcquire(final int index)
    {
        return Double.longBitsToDouble(MappedAccess.getLongAcquire(address(index)));
    }

    public void setRelease(final int index, final double newValue)
    {
        MappedAccess.putLongRelease(address(index), Double.doubleToRawLongBits(newValue));
    }

    public double getAndSet(final int index, final double newValue)
    {
        return Double.longBitsToDouble(
            MappedAccess.getAndSetLong(address(index), Double.doubleToRawLongBits(newValue)));
    }

    public boolean compareAndSet(final int index, final double expectedValue, final double newValue)
    {
        return MappedAccess.compareAndSetLong(address(index),
            Double.doubleToRawLongBits(expectedValue), Double.doubleToRawLongBits(newValue));
    }

    public double getAndAdd(final int index, final double delta)
    {
        return getAndUpdate(index, v -> v + delta);
    }

    public double addAndGet(final int index, final double delta)
    {
        return updateAndGet(index, v -> v + delta);
    }

    /**
     * Atomically replace element {@code index} with {@code function(element)}, retrying on contention, so
     * the function must be free of side effects.
     *
     * @return the previous value.
     */
    public double getAndUpdate(final int index, final DoubleUnaryOperator function)
    {
        return Double.longBitsToDouble(updateBits(address(index), function, false));
    }

    public double updateAndGet(final int index, final DoubleUnaryOperator function)
    {
        return Double.longBitsToDouble(updateBits(address(index), function, true));
    }

    public double getAndAccumulate(final int index, final double x, final DoubleBinaryOperator function)
    {
        return getAndUpdate(index, v -> function.applyAsDouble(v, x));
    }

    public double accumulateAndGet(final int index, final double x, final DoubleBinaryOperator function)
    {
        return updateAndGet(index, v -> function.applyAsDouble(v, x));
    }

    /**
     * Copy {@code count} elements starting at {@code srcIndex} into {@code dst} at {@code dstIndex}.
     */
    public void copyTo(final int srcIndex, final double[] dst, final int dstIndex, final int count)
    {
        Objects.requireNonNull(dst, "dst");
        Objects.checkFromIndexSize(srcIndex, count, length);
        try
        {
            region.dataView().asDoubleBuffer().get(srcIndex, dst, dstIndex, count);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    /**
     * Copy {@code count} elements of {@code src} starting at {@code srcIndex} into this array at {@code dstIndex}.
     */
    public void copyFrom(final double[] src, final int srcIndex, final int dstIndex, final int count)
    {
        Objects.requireNonNull(src, "src");
        Objects.checkFromIndexSize(dstIndex, count, length);
        try
        {
            region.dataView().asDoubleBuffer().put(dstIndex, src, srcIndex, count);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    /**
     * @return a copy of every element, Python's {@code arr[:]}.
     */
    public double[] toArray()
    {
        final double[] copy = new double[length];
        copyTo(0, copy, 0, length);
        return copy;
    }

    public void fill(final double value)
    {
        final double[] chunk = new double[Math.min(length, 8192)];
        Arrays.fill(chunk, value);
        for (int i = 0; i < length; i += chunk.length)
        {
            copyFrom(chunk, 0, i, Math.min(chunk.length, length - i));
        }
    }

    public String toString()
    {
        return "SharedDoubleArray[length=" + length + ", " + region.path() + "]";
    }

    private long updateBits(final long address, final DoubleUnaryOperator function, final boolean returnNew)
    {
        long previous;
        long next;
        do
        {
            previous = MappedAccess.getLongVolatile(address);
            next = Double.doubleToRawLongBits(function.applyAsDouble(Double.longBitsToDouble(previous)));
        }
        while (!MappedAccess.compareAndSetLong(address, previous, next));
        return returnNew ? next : previous;
    }

    private long address(final int index)
    {
        return region.dataAddress() + ((long) Objects.checkIndex(index, length) << SHIFT);
    }
}
