package io.multiprocessing4j.shm.value;

import io.multiprocessing4j.shm.MappedRegion;
import io.multiprocessing4j.shm.RegionType;
import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.ShmContext;

import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * A {@code long} in shared memory, Python's {@code Value('q')}: the {@link java.util.concurrent.atomic.AtomicLong}
 * operations, lock-free and atomic across every thread of every process that maps it. Plain {@code get}
 * and {@code set} are volatile; the other access modes are named after their ordering.
 */
public final class SharedLong extends SharedObject
{
    private SharedLong(final MappedRegion region)
    {
        super(region);
    }

    public static SharedLong create(final ShmContext context, final long initialValue)
    {
        final SharedLong value = new SharedLong(newRegion(context, RegionType.LONG, 1));
        value.set(initialValue);
        return value;
    }

    public static SharedLong attach(final SharedHandle handle)
    {
        return new SharedLong(attachRegion(handle, RegionType.LONG));
    }

    public long get()
    {
        return MappedAccess.getLongVolatile(region.dataAddress());
    }

    public void set(final long newValue)
    {
        MappedAccess.putLongVolatile(region.dataAddress(), newValue);
    }

    public long getPlain()
    {
        return MappedAccess.getLong(region.dataAddress());
    }

    public void setPlain(final long newValue)
    {
        MappedAccess.putLong(region.dataAddress(), newValue);
    }

    public long getOpaque()
    {
        return MappedAccess.getLongOpaque(region.dataAddress());
    }

    public void setOpaque(final long newValue)
    {
        MappedAccess.putLongOpaque(region.dataAddress(), newValue);
    }

    public long getAcquire()
    {
        return MappedAccess.getLongAcquire(region.dataAddress());
    }

    public void setRelease(final long newValue)
    {
        MappedAccess.putLongRelease(region.dataAddress(), newValue);
    }

    public long getAndSet(final long newValue)
    {
        return MappedAccess.getAndSetLong(region.dataAddress(), newValue);
    }

    public long getAndAdd(final long delta)
    {
        return MappedAccess.getAndAddLong(region.dataAddress(), delta);
    }

    public long addAndGet(final long delta)
    {
        return MappedAccess.getAndAddLong(region.dataAddress(), delta) + delta;
    }

    public long getAndIncrement()
    {
        return MappedAccess.getAndAddLong(region.dataAddress(), 1);
    }

    public long incrementAndGet()
    {
        return MappedAccess.getAndAddLong(region.dataAddress(), 1) + 1;
    }

    public long getAndDecrement()
    {
        return MappedAccess.getAndAddLong(region.dataAddress(), -1);
    }

    public long decrementAndGet()
    {
        return MappedAccess.getAndAddLong(region.dataAddress(), -1) - 1;
    }

    public boolean compareAndSet(final long expectedValue, final long newValue)
    {
        return MappedAccess.compareAndSetLong(region.dataAddress(), expectedValue, newValue);
    }

    public long compareAndExchange(final long expectedValue, final long newValue)
    {
        return MappedAccess.compareAndExchangeLong(region.dataAddress(), expectedValue, newValue);
    }

    /**
     * Atomically replace the value with {@code function(value)}, retrying on contention, so the function
     * must be free of side effects.
     *
     * @return the previous value.
     */
    public long getAndUpdate(final LongUnaryOperator function)
    {
        long previous;
        do
        {
            previous = get();
        }
        while (!compareAndSet(previous, function.applyAsLong(previous)));
        return previous;
    }

    /**
     * As {@link #getAndUpdate}, returning the new value.
     */
    public long updateAndGet(final LongUnaryOperator function)
    {
        long previous;
        long next;
        do
        {
            previous = get();
            next = function.applyAsLong(previous);
        }
        while (!compareAndSet(previous, next));
        return next;
    }

    /**
     * Atomically replace the value with {@code function(value, x)}; see {@link #getAndUpdate}.
     *
     * @return the previous value.
     */
    public long getAndAccumulate(final long x, final LongBinaryOperator function)
    {
        return getAndUpdate(v -> function.applyAsLong(v, x));
    }

    public long accumulateAndGet(final long x, final LongBinaryOperator function)
    {
        return updateAndGet(v -> function.applyAsLong(v, x));
    }

    public String toString()
    {
        return isClosed() ? "SharedLong[closed]" : Long.toString(get());
    }
}
