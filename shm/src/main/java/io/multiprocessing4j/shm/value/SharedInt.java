package io.multiprocessing4j.shm.value;

import io.multiprocessing4j.shm.MappedRegion;
import io.multiprocessing4j.shm.RegionType;
import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.ShmContext;

import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;

/**
 * An {@code int} in shared memory, Python's {@code Value('i')}: the {@link java.util.concurrent.atomic.AtomicInteger}
 * operations, lock-free and atomic across every thread of every process that maps it. Plain {@code get}
 * and {@code set} are volatile; the other access modes are named after their ordering.
 */
public final class SharedInt extends SharedObject
{
    private SharedInt(final MappedRegion region)
    {
        super(region);
    }

    public static SharedInt create(final ShmContext context, final int initialValue)
    {
        final SharedInt value = new SharedInt(newRegion(context, RegionType.INT, 1));
        value.set(initialValue);
        return value;
    }

    public static SharedInt attach(final SharedHandle handle)
    {
        return new SharedInt(attachRegion(handle, RegionType.INT));
    }

    public int get()
    {
        return MappedAccess.getIntVolatile(region.dataAddress());
    }

    public void set(final int newValue)
    {
        MappedAccess.putIntVolatile(region.dataAddress(), newValue);
    }

    public int getPlain()
    {
        return MappedAccess.getInt(region.dataAddress());
    }

    public void setPlain(final int newValue)
    {
        MappedAccess.putInt(region.dataAddress(), newValue);
    }

    public int getOpaque()
    {
        return MappedAccess.getIntOpaque(region.dataAddress());
    }

    public void setOpaque(final int newValue)
    {
        MappedAccess.putIntOpaque(region.dataAddress(), newValue);
    }

    public int getAcquire()
    {
        return MappedAccess.getIntAcquire(region.dataAddress());
    }

    public void setRelease(final int newValue)
    {
        MappedAccess.putIntRelease(region.dataAddress(), newValue);
    }

    public int getAndSet(final int newValue)
    {
        return MappedAccess.getAndSetInt(region.dataAddress(), newValue);
    }

    public int getAndAdd(final int delta)
    {
        return MappedAccess.getAndAddInt(region.dataAddress(), delta);
    }

    public int addAndGet(final int delta)
    {
        return MappedAccess.getAndAddInt(region.dataAddress(), delta) + delta;
    }

    public int getAndIncrement()
    {
        return MappedAccess.getAndAddInt(region.dataAddress(), 1);
    }

    public int incrementAndGet()
    {
        return MappedAccess.getAndAddInt(region.dataAddress(), 1) + 1;
    }

    public int getAndDecrement()
    {
        return MappedAccess.getAndAddInt(region.dataAddress(), -1);
    }

    public int decrementAndGet()
    {
        return MappedAccess.getAndAddInt(region.dataAddress(), -1) - 1;
    }

    public boolean compareAndSet(final int expectedValue, final int newValue)
    {
        return MappedAccess.compareAndSetInt(region.dataAddress(), expectedValue, newValue);
    }

    public int compareAndExchange(final int expectedValue, final int newValue)
    {
        return MappedAccess.compareAndExchangeInt(region.dataAddress(), expectedValue, newValue);
    }

    /**
     * Atomically replace the value with {@code function(value)}, retrying on contention, so the function
     * must be free of side effects.
     *
     * @return the previous value.
     */
    public int getAndUpdate(final IntUnaryOperator function)
    {
        int previous;
        do
        {
            previous = get();
        }
        while (!compareAndSet(previous, function.applyAsInt(previous)));
        return previous;
    }

    /**
     * As {@link #getAndUpdate}, returning the new value.
     */
    public int updateAndGet(final IntUnaryOperator function)
    {
        int previous;
        int next;
        do
        {
            previous = get();
            next = function.applyAsInt(previous);
        }
        while (!compareAndSet(previous, next));
        return next;
    }

    /**
     * Atomically replace the value with {@code function(value, x)}; see {@link #getAndUpdate}.
     *
     * @return the previous value.
     */
    public int getAndAccumulate(final int x, final IntBinaryOperator function)
    {
        return getAndUpdate(v -> function.applyAsInt(v, x));
    }

    public int accumulateAndGet(final int x, final IntBinaryOperator function)
    {
        return updateAndGet(v -> function.applyAsInt(v, x));
    }

    public String toString()
    {
        return isClosed() ? "SharedInt[closed]" : Integer.toString(get());
    }
}
