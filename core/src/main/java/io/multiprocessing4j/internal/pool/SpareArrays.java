package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedDoubleArray;
import io.multiprocessing4j.shm.value.SharedIntArray;
import io.multiprocessing4j.shm.value.SharedLongArray;
import io.multiprocessing4j.shm.value.SharedObject;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.DOUBLES;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.INTS;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.LONGS;

/**
 * The shared arrays a pool maps {@code int[]}, {@code long[]} and {@code double[]} through: a few that finished
 * maps gave back are kept for the next (the workers have them mapped already), so a map of a plain array costs
 * no file creation once warm. Thread-safe (its own monitor, not held while an array is created or closed).
 */
final class SpareArrays
{
    private static final int KEPT = 4;

    private final ShmContext shm;
    private final List<SharedObject> kept = new ArrayList<>(KEPT);
    private boolean closed;

    SpareArrays(final ShmContext shm)
    {
        this.shm = shm;
    }

    /**
     * @param kind {@link PoolRecordDescriptor#INTS}, {@code LONGS} or {@code DOUBLES}.
     * @return a shared array of that kind and at least {@code length} elements: a kept one, or a new one.
     */
    SharedObject take(final int kind, final int length)
    {
        synchronized (this)
        {
            for (final Iterator<SharedObject> it = kept.iterator(); it.hasNext(); )
            {
                final SharedObject array = it.next();
                if (kind(array) == kind && length(array) >= length)
                {
                    it.remove();
                    return array;
                }
            }
        }
        return INTS == kind ? SharedIntArray.create(shm, length) : LONGS == kind ? SharedLongArray.create(shm, length) :
            SharedDoubleArray.create(shm, length);
    }

    /**
     * Keeps an array for the next map, or closes it if enough are kept already or the pool has closed them.
     */
    void giveBack(final SharedObject array)
    {
        synchronized (this)
        {
            if (!closed && kept.size() < KEPT)
            {
                kept.add(array);
                return;
            }
        }
        array.close();
    }

    /**
     * Closes those kept; any given back later is closed at once.
     */
    void closeAll()
    {
        final List<SharedObject> all;
        synchronized (this)
        {
            closed = true;
            all = new ArrayList<>(kept);
            kept.clear();
        }
        all.forEach(SharedObject::close);
    }

    /**
     * @return the element kind of an {@code int[]}, {@code long[]} or {@code double[]}.
     */
    static int kindOf(final Object values)
    {
        return values instanceof int[] ? INTS : values instanceof long[] ? LONGS : DOUBLES;
    }

    static int kind(final SharedObject array)
    {
        return array instanceof SharedIntArray ? INTS : array instanceof SharedLongArray ? LONGS : DOUBLES;
    }

    static int length(final SharedObject array)
    {
        return array instanceof SharedIntArray ? ((SharedIntArray)array).length() :
            array instanceof SharedLongArray ? ((SharedLongArray)array).length() : ((SharedDoubleArray)array).length();
    }

    /**
     * Copies a plain array of the same kind into the start of {@code array}.
     */
    static void copyIn(final Object values, final SharedObject array, final int length)
    {
        if (array instanceof SharedIntArray)
        {
            ((SharedIntArray)array).copyFrom((int[])values, 0, 0, length);
        }
        else if (array instanceof SharedLongArray)
        {
            ((SharedLongArray)array).copyFrom((long[])values, 0, 0, length);
        }
        else
        {
            ((SharedDoubleArray)array).copyFrom((double[])values, 0, 0, length);
        }
    }

    /**
     * @return a plain array of the first {@code length} elements of {@code array}.
     */
    static Object copyOut(final SharedObject array, final int length)
    {
        if (array instanceof SharedIntArray)
        {
            final int[] values = new int[length];
            ((SharedIntArray)array).copyTo(0, values, 0, length);
            return values;
        }
        if (array instanceof SharedLongArray)
        {
            final long[] values = new long[length];
            ((SharedLongArray)array).copyTo(0, values, 0, length);
            return values;
        }
        final double[] values = new double[length];
        ((SharedDoubleArray)array).copyTo(0, values, 0, length);
        return values;
    }
}
