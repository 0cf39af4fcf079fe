package io.multiprocessing4j.internal.pool;

import java.util.AbstractList;
import java.util.List;

/**
 * A chunk of arguments or results as it travels: an {@code int[]}, {@code long[]} or {@code double[]} when
 * every value is a boxed number of that type (the codec copies such an array in one go), else the list
 * itself. Stateless.
 */
public final class PoolValues
{
    private PoolValues()
    {
    }

    /**
     * @return a primitive array holding the values, or {@code values} if they are not all of one number type.
     */
    public static Object pack(final List<Object> values)
    {
        if (values.isEmpty())
        {
            return values;
        }
        final Class<?> type = null == values.get(0) ? null : values.get(0).getClass();
        for (final Object value : values)
        {
            if (null == value || value.getClass() != type)
            {
                return values;
            }
        }
        final int size = values.size();
        if (Integer.class == type)
        {
            final int[] packed = new int[size];
            for (int i = 0; i < size; i++)
            {
                packed[i] = (Integer)values.get(i);
            }
            return packed;
        }
        if (Long.class == type)
        {
            final long[] packed = new long[size];
            for (int i = 0; i < size; i++)
            {
                packed[i] = (Long)values.get(i);
            }
            return packed;
        }
        if (Double.class == type)
        {
            final double[] packed = new double[size];
            for (int i = 0; i < size; i++)
            {
                packed[i] = (Double)values.get(i);
            }
            return packed;
        }
        return values;
    }

    /**
     * @return the values {@link #pack} packed, as a list (boxing as it is read).
     */
    @SuppressWarnings("unchecked")
    public static List<Object> unpack(final Object packed)
    {
        if (packed instanceof int[])
        {
            final int[] values = (int[])packed;
            return new AbstractList<>()
            {
                public Object get(final int index)
                {
                    return values[index];
                }

                public int size()
                {
                    return values.length;
                }
            };
        }
        if (packed instanceof long[])
        {
            final long[] values = (long[])packed;
            return new AbstractList<>()
            {
                public Object get(final int index)
                {
                    return values[index];
                }

                public int size()
                {
                    return values.length;
                }
            };
        }
        if (packed instanceof double[])
        {
            final double[] values = (double[])packed;
            return new AbstractList<>()
            {
                public Object get(final int index)
                {
                    return values[index];
                }

                public int size()
                {
                    return values.length;
                }
            };
        }
        return (List<Object>)packed;
    }
}
