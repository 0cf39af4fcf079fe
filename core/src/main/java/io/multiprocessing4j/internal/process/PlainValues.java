package io.multiprocessing4j.internal.process;

import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.value.SharedObject;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The values a target typically captures (null, boxed primitives, strings, primitive arrays, string arrays,
 * shared values and arrays) written without a serializer, so that neither the parent nor a fresh child JVM pays for
 * setting one up. Anything else makes {@link #encode} decline, and the codec is used instead. Stateless.
 */
final class PlainValues
{
    static final String ID = "mp4j-plain";

    private static final byte NULL = 0;
    private static final byte BOOLEAN = 1;
    private static final byte BYTE = 2;
    private static final byte SHORT = 3;
    private static final byte CHAR = 4;
    private static final byte INT = 5;
    private static final byte LONG = 6;
    private static final byte FLOAT = 7;
    private static final byte DOUBLE = 8;
    private static final byte STRING = 9;
    private static final byte INT_ARRAY = 10;
    private static final byte LONG_ARRAY = 11;
    private static final byte DOUBLE_ARRAY = 12;
    private static final byte BYTE_ARRAY = 13;
    private static final byte SHARED_OBJECT = 14;
    private static final byte STRING_ARRAY = 15;
    private static final int MAX_STRING_BYTES = 65_535 / 3;

    private PlainValues()
    {
    }

    /**
     * @return the encoding, or {@code null} if some value needs the codec.
     */
    static byte[] encode(final Object[] values)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            out.writeInt(values.length);
            for (final Object value : values)
            {
                if (!write(out, value))
                {
                    return null;
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    static Object[] decode(final byte[] bytes) throws IOException
    {
        final DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        final int count = in.readInt();
        if (count < 0 || count > bytes.length)
        {
            throw new IOException("corrupt plain values: count " + count);
        }
        final Object[] values = new Object[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = read(in, bytes.length);
        }
        return values;
    }

    private static boolean write(final DataOutputStream out, final Object value) throws IOException
    {
        if (null == value)
        {
            out.writeByte(NULL);
        }
        else if (value instanceof Integer)
        {
            out.writeByte(INT);
            out.writeInt((Integer)value);
        }
        else if (value instanceof Long)
        {
            out.writeByte(LONG);
            out.writeLong((Long)value);
        }
        else if (value instanceof Double)
        {
            out.writeByte(DOUBLE);
            out.writeDouble((Double)value);
        }
        else if (value instanceof String && ((String)value).length() <= MAX_STRING_BYTES)
        {
            out.writeByte(STRING);
            out.writeUTF((String)value);
        }
        else if (value instanceof Boolean)
        {
            out.writeByte(BOOLEAN);
            out.writeBoolean((Boolean)value);
        }
        else if (value instanceof Byte)
        {
            out.writeByte(BYTE);
            out.writeByte((Byte)value);
        }
        else if (value instanceof Short)
        {
            out.writeByte(SHORT);
            out.writeShort((Short)value);
        }
        else if (value instanceof Character)
        {
            out.writeByte(CHAR);
            out.writeChar((Character)value);
        }
        else if (value instanceof Float)
        {
            out.writeByte(FLOAT);
            out.writeFloat((Float)value);
        }
        else if (value instanceof SharedObject)
        {
            out.writeByte(SHARED_OBJECT);
            out.writeUTF(((SharedObject)value).transferHandle().toString());
            out.writeUTF(value.getClass().getName());
        }
        else
        {
            return value.getClass().isArray() && writeArray(out, value);
        }
        return true;
    }

    /**
     * @return false if {@code value} is not an array this format carries, or holds what it cannot.
     */
    private static boolean writeArray(final DataOutputStream out, final Object value) throws IOException
    {
        if (value instanceof int[])
        {
            final int[] array = (int[])value;
            out.writeByte(INT_ARRAY);
            out.writeInt(array.length);
            for (final int element : array)
            {
                out.writeInt(element);
            }
        }
        else if (value instanceof long[])
        {
            final long[] array = (long[])value;
            out.writeByte(LONG_ARRAY);
            out.writeInt(array.length);
            for (final long element : array)
            {
                out.writeLong(element);
            }
        }
        else if (value instanceof double[])
        {
            final double[] array = (double[])value;
            out.writeByte(DOUBLE_ARRAY);
            out.writeInt(array.length);
            for (final double element : array)
            {
                out.writeDouble(element);
            }
        }
        else if (value instanceof byte[])
        {
            final byte[] array = (byte[])value;
            out.writeByte(BYTE_ARRAY);
            out.writeInt(array.length);
            out.write(array);
        }
        else if (value instanceof String[])
        {
            final String[] array = (String[])value;
            out.writeByte(STRING_ARRAY);
            out.writeInt(array.length);
            for (final String element : array)
            {
                if (null == element || element.length() > MAX_STRING_BYTES)
                {
                    return false;
                }
                out.writeUTF(element);
            }
        }
        else
        {
            return false;
        }
        return true;
    }

    private static Object read(final DataInputStream in, final int limit) throws IOException
    {
        final byte tag = in.readByte();
        switch (tag)
        {
            case NULL: return null;
            case BOOLEAN: return in.readBoolean();
            case BYTE: return in.readByte();
            case SHORT: return in.readShort();
            case CHAR: return in.readChar();
            case INT: return in.readInt();
            case LONG: return in.readLong();
            case FLOAT: return in.readFloat();
            case DOUBLE: return in.readDouble();
            case STRING: return in.readUTF();
            case INT_ARRAY:
            {
                final int[] array = new int[length(in, limit)];
                for (int i = 0; i < array.length; i++)
                {
                    array[i] = in.readInt();
                }
                return array;
            }
            case LONG_ARRAY:
            {
                final long[] array = new long[length(in, limit)];
                for (int i = 0; i < array.length; i++)
                {
                    array[i] = in.readLong();
                }
                return array;
            }
            case DOUBLE_ARRAY:
            {
                final double[] array = new double[length(in, limit)];
                for (int i = 0; i < array.length; i++)
                {
                    array[i] = in.readDouble();
                }
                return array;
            }
            case BYTE_ARRAY:
            {
                final byte[] array = new byte[length(in, limit)];
                in.readFully(array);
                return array;
            }
            case STRING_ARRAY:
            {
                final String[] array = new String[length(in, limit)];
                for (int i = 0; i < array.length; i++)
                {
                    array[i] = in.readUTF();
                }
                return array;
            }
            case SHARED_OBJECT: return SharedObject.attach(SharedHandle.parse(in.readUTF()), in.readUTF());
            default: throw new IOException("corrupt plain values: tag " + tag);
        }
    }

    private static int length(final DataInputStream in, final int limit) throws IOException
    {
        final int length = in.readInt();
        if (length < 0 || length > limit)
        {
            throw new IOException("corrupt plain values: array length " + length);
        }
        return length;
    }
}
