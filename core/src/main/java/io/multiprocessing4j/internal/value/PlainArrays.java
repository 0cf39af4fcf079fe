package io.multiprocessing4j.internal.value;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static io.multiprocessing4j.internal.value.ValueFormat.DOUBLE_ARRAY;
import static io.multiprocessing4j.internal.value.ValueFormat.INT_ARRAY;
import static io.multiprocessing4j.internal.value.ValueFormat.LONG_ARRAY;
import static io.multiprocessing4j.internal.value.ValueFormat.STRING_ARRAY;

/**
 * The payloads of {@link ValueFormat}'s array tags: {@code int[]}, {@code long[]}, {@code double[]} and
 * {@code String[]}. Stateless.
 */
final class PlainArrays
{
    private PlainArrays()
    {
    }

    static int write(final int tag, final Object value, final MutableDirectBuffer buffer, final int offset)
    {
        int at = offset;
        switch (tag)
        {
            case INT_ARRAY:
                for (final int element : (int[])value)
                {
                    buffer.putInt(at, element);
                    at += Integer.BYTES;
                }
                return at;
            case LONG_ARRAY:
                for (final long element : (long[])value)
                {
                    buffer.putLong(at, element);
                    at += Long.BYTES;
                }
                return at;
            case DOUBLE_ARRAY:
                for (final double element : (double[])value)
                {
                    buffer.putDouble(at, element);
                    at += Double.BYTES;
                }
                return at;
            case STRING_ARRAY:
                final String[] strings = (String[])value;
                buffer.putInt(at, strings.length);
                at += Integer.BYTES;
                for (final String element : strings)
                {
                    at += buffer.putStringUtf8(at, element);
                }
                return at;
            default:
                throw new IllegalArgumentException("not a value tag: " + tag);
        }
    }

    static Object read(final int tag, final DirectBuffer buffer, final int offset, final int length)
    {
        switch (tag)
        {
            case INT_ARRAY:
            {
                final int[] values = new int[count(length, Integer.BYTES)];
                for (int i = 0; i < values.length; i++)
                {
                    values[i] = buffer.getInt(offset + i * Integer.BYTES);
                }
                return values;
            }
            case LONG_ARRAY:
            {
                final long[] values = new long[count(length, Long.BYTES)];
                for (int i = 0; i < values.length; i++)
                {
                    values[i] = buffer.getLong(offset + i * Long.BYTES);
                }
                return values;
            }
            case DOUBLE_ARRAY:
            {
                final double[] values = new double[count(length, Double.BYTES)];
                for (int i = 0; i < values.length; i++)
                {
                    values[i] = buffer.getDouble(offset + i * Double.BYTES);
                }
                return values;
            }
            case STRING_ARRAY:
                return strings(buffer, offset, length);
            default:
                throw new IllegalStateException("corrupt value: unknown tag " + tag);
        }
    }

    private static String[] strings(final DirectBuffer buffer, final int offset, final int length)
    {
        final int end = offset + length;
        final int count = length < Integer.BYTES ? -1 : buffer.getInt(offset);
        if (count < 0 || (long)count * Integer.BYTES > length)
        {
            throw new IllegalStateException("corrupt value: " + count + " strings in " + length + " bytes");
        }
        final String[] values = new String[count];
        int at = offset + Integer.BYTES;
        for (int i = 0; i < count; i++)
        {
            values[i] = ValueFormat.string(buffer, at, end);
            at += Integer.BYTES + buffer.getInt(at);
        }
        return values;
    }

    private static int count(final int length, final int elementBytes)
    {
        if (0 != length % elementBytes)
        {
            throw new IllegalStateException("corrupt value: an array of " + length + " bytes");
        }
        return length / elementBytes;
    }
}
