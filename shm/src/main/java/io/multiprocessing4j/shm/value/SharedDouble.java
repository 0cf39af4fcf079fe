package io.multiprocessing4j.shm.value;

import io.multiprocessing4j.shm.MappedRegion;
import io.multiprocessing4j.shm.RegionType;
import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.ShmContext;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * A {@code double} in shared memory, Python's {@code Value('d')}, stored as its raw long bits so that it
 * can be updated atomically across processes. {@link #compareAndSet} compares raw bits (so NaN equals the
 * same NaN, and 0.0 differs from -0.0); arithmetic updates are CAS loops. Plain {@code get}/{@code set}
 * are volatile. Thread-safe and process-safe.
 */
public final class SharedDouble extends SharedObject
{
    private SharedDouble(final MappedRegion region)
    {
        super(region);
    }

    public static SharedDouble create(final ShmContext context, final double initialValue)
    {
        final SharedDouble value = new SharedDouble(newRegion(context, RegionType.DOUBLE, 1));
        value.set(initialValue);
        return value;
    }

    public static SharedDouble attach(final SharedHandle handle)
    {
        return new SharedDouble(attachRegion(handle, RegionType.DOUBLE));
    }

    public double get()
    {
        return Double.longBitsToDouble(MappedAccess.getLongVolatile(region.dataAddress()));
    }

    public void set(final double newValue)
    {
        MappedAccess.putLongVolatile(region.dataAddress(), Double.doubleToRawLongBits(newValue));
    }

    public double getPlain()
    {
        return MappedAccess.getDouble(region.dataAddress());
    }

    public void setPlain(final double newValue)
    {
        MappedAccess.putDouble(region.dataAddress(), newValue);
    }

    public double getOpaque()
    {
        return Double.longBitsToDouble(MappedAccess.getLongOpaque(region.dataAddress()));
    }

    public void setOpaque(final double newValue)
    {
        MappedAccess.putLongOpaque(region.dataAddress(), Double.doubleToRawLongBits(newValue));
    }

    public double getAcquire()
    {
        return Double.longBitsToDouble(MappedAccess.getLongAcquire(region.dataAddress()));
    }

    public void setRelease(final double newValue)
    {
        MappedAccess.putLongRelease(region.dataAddress(), Double.doubleToRawLongBits(newValue));
    }

    public double getAndSet(final double newValue)
    {
        return Double.longBitsToDouble(
            MappedAccess.getAndSetLong(region.dataAddress(), Double.doubleToRawLongBits(newValue)));
    }

    public boolean compareAndSet(final double expectedValue, final double newValue)
    {
        return MappedAccess.compareAndSetLong(region.dataAddress(),
            Double.doubleToRawLongBits(expectedValue), Double.doubleToRawLongBits(newValue));
    }

    public double getAndAdd(final double delta)
    {
        return getAndUpdate(v -> v + delta);
    }

    public double addAndGet(final double delta)
    {
        return updateAndGet(v -> v + delta);
    }

    /**
     * Atomically replace the value with {@code function(value)}, retrying on contention, so the function
     * must be free of side effects.
     *
     * @return the previous value.
     */
    public double getAndUpdate(final DoubleUnaryOperator function)
    {
        return Double.longBitsToDouble(updateBits(function, false));
    }

    public double updateAndGet(final DoubleUnaryOperator function)
    {
        return Double.longBitsToDouble(updateBits(function, true));
    }

    public double getAndAccumulate(final double x, final DoubleBinaryOperator function)
    {
        return getAndUpdate(v -> function.applyAsDouble(v, x));
    }

    public double accumulateAndGet(final double x, final DoubleBinaryOperator function)
    {
        return updateAndGet(v -> function.applyAsDouble(v, x));
    }

    public String toString()
    {
        return isClosed() ? "SharedDouble[closed]" : Double.toString(get());
    }

    private long updateBits(final DoubleUnaryOperator function, final boolean returnNew)
    {
        long previous;
        long next;
        do
        {
            previous = MappedAccess.getLongVolatile(region.dataAddress());
            next = Double.doubleToRawLongBits(function.applyAsDouble(Double.longBitsToDouble(previous)));
        }
        while (!MappedAccess.compareAndSetLong(region.dataAddress(), previous, next));
        return returnNew ? next : previous;
    }
}
