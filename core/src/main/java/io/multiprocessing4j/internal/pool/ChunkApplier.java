package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.function.PoolDoubleOperator;
import io.multiprocessing4j.function.PoolFunction;
import io.multiprocessing4j.function.PoolIntOperator;
import io.multiprocessing4j.function.PoolLongOperator;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a task's function over its decoded arguments, wherever the task runs: in a local {@link PoolWorker} or on
 * a cluster member. Stateless.
 */
public final class ChunkApplier
{
    private ChunkApplier()
    {
    }

    /**
     * Applies {@code function} to each of {@code arguments}: a primitive operator to an {@code int[]},
     * {@code long[]} or {@code double[]} in place, a {@link PoolFunction} to each value of any values block.
     *
     * @param arguments what {@link PoolValues#decode} read of a TASK record (not a slice).
     * @return the results as {@link PoolValues#encode} or {@link PoolValues#encodePrimitives} take them.
     * @throws Exception what the function threw.
     */
    @SuppressWarnings("unchecked")
    public static Object apply(final Object function, final Object arguments) throws Exception
    {
        if (function instanceof PoolIntOperator && arguments instanceof int[])
        {
            final PoolIntOperator operator = (PoolIntOperator)function;
            final int[] values = (int[])arguments;
            for (int i = 0; i < values.length; i++)
            {
                values[i] = operator.apply(values[i]);
            }
            return values;
        }
        if (function instanceof PoolLongOperator && arguments instanceof long[])
        {
            final PoolLongOperator operator = (PoolLongOperator)function;
            final long[] values = (long[])arguments;
            for (int i = 0; i < values.length; i++)
            {
                values[i] = operator.apply(values[i]);
            }
            return values;
        }
        if (function instanceof PoolDoubleOperator && arguments instanceof double[])
        {
            final PoolDoubleOperator operator = (PoolDoubleOperator)function;
            final double[] values = (double[])arguments;
            for (int i = 0; i < values.length; i++)
            {
                values[i] = operator.apply(values[i]);
            }
            return values;
        }
        if (function instanceof PoolFunction)
        {
            return applyToEach((PoolFunction<Object, Object>)function, PoolValues.boxed(arguments));
        }
        throw new IllegalArgumentException("a " + function.getClass().getName() + " cannot be applied to " +
            arguments.getClass().getSimpleName());
    }

    /**
     * @return the results as an {@code int[]}, {@code long[]} or {@code double[]} while they are all boxed
     * numbers of the first one's type (no list of boxes to hold), else as a list.
     */
    private static Object applyToEach(final PoolFunction<Object, Object> function, final List<Object> arguments)
        throws Exception
    {
        final int size = arguments.size();
        int[] ints = null;
        long[] longs = null;
        double[] doubles = null;
        List<Object> objects = null;
        for (int i = 0; i < size; i++)
        {
            final Object result = function.apply(arguments.get(i));
            if (null == objects)
            {
                if (0 == i)
                {
                    if (result instanceof Integer)
                    {
                        ints = new int[size];
                    }
                    else if (result instanceof Long)
                    {
                        longs = new long[size];
                    }
                    else if (result instanceof Double)
                    {
                        doubles = new double[size];
                    }
                }
                if (null != ints && result instanceof Integer)
                {
                    ints[i] = (Integer)result;
                    continue;
                }
                if (null != longs && result instanceof Long)
                {
                    longs[i] = (Long)result;
                    continue;
                }
                if (null != doubles && result instanceof Double)
                {
                    doubles[i] = (Double)result;
                    continue;
                }
                final Object packed = null != ints ? ints : null != longs ? longs : doubles;
                objects = new ArrayList<>(size);
                if (null != packed)
                {
                    objects.addAll(PoolValues.boxed(packed).subList(0, i));
                }
            }
            objects.add(result);
        }
        return null != objects ? objects : null != ints ? ints : null != longs ? longs : null != doubles ? doubles :
            List.of();
    }
}
