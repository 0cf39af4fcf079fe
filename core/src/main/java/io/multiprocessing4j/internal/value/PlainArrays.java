package io.multiprocessing4j.internal.value;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static io.multiprocessing4j.internal.value.ValueFormat.BOOLEAN_ARRAY;
import static io.multiprocessing4j.internal.value.ValueFormat.CHAR_ARRAY;
import static io.multiprocessing4j.internal.value.ValueFormat.DOUBLE_ARRAY;
import static io.multiprocessing4j.internal.value.ValueFormat.FLOAT_ARRAY;
import static io.multiprocessing4j.internal.value.ValueFormat.INT_ARRAY;
import static io.multiprocessing4j.internal.value.ValueFormat.LONG_ARRAY;
import static io.multiprocessing4j.internal.value.ValueFormat.SHORT_ARRAY;
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
            case BOOLEAN_ARRAY:
                for (final boolean element : (boolean[])value)
                {
                    buffer.putByte(at++, (byte)(element ? 1 : 0));
                }
                return at;
            case SHORT_ARRAY:
                for (final short element : (short[])value)
                {
                    buffer.putShort(at, element);
                    at += Short.BYTES;
                }
                return at;
            case CHAR_ARRAY:
                for (final char element : (char[])value)
                {
                    buffer.putChar(at, element);
                    at += Character.BYTES;
                }
                return at;
            case FLOAT_ARRAY:
                for (final float element : (float[])value)
                {
                    buffer.putFloat(at, element);
                    at += Float.BYTES;
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
            case BOOLEAN_ARRAY:
            {
                final boolean[] values = new boolean[length];
                for (int i = 0; i < values.length; i++)
                {
                    values[i] = 0 != buffer.getByte(offset + i);
                }
                return values;
            }
            case SHORT_ARRAY:
            {
                final short[] values = new short[count(length, Short.BYTES)];
                for (int i = 0; i < values.length; i++)
                {
                    values[i] = buffer.getShort(offset + i * Short.BYTES);
                }
                return values;
            }
            case CHAR_ARRAY:
            {
                final char[] values = new char[count(length, Character.BYTES)];
                for (int i = 0; i < values.length; i++)
                {
                    values[i] = buffer.getChar(offset + i * Character.BYTES);
                }
                return values;
            }
            case FLOAT_ARRAY:
            {
                final float[] values = new float[count(length, Float.BYTES)];
                for (int i = 0; i < values.length; i++)
                {
                    values[i] = buffer.getFloat(offset + i * Float.BYTES);
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
