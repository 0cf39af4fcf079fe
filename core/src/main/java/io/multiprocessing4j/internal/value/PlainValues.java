package io.multiprocessing4j.internal.value;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.util.Arrays;

/**
 * The values a process target captures, as a count (int) and {@link ValueFormat} elements, when every one has a tag
 * of its own: then neither the parent nor a fresh child JVM pays for setting up the codec. Anything else makes
 * {@link #encode} decline, and the codec is used instead. Stateless.
 */
public final class PlainValues
{
    /** The codec id a child spec names when its payload is in this format. */
    public static final String ID = "mp4j-plain";

    private PlainValues()
    {
    }

    /**
     * @return the encoding, or {@code null} if some value needs the codec.
     */
    public static byte[] encode(final Object[] values)
    {
        for (final Object value : values)
        {
            if (ValueFormat.CODEC == ValueFormat.tagOf(value))
            {
                return null;
            }
        }
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        buffer.putInt(0, values.length);
        int at = Integer.BYTES;
        for (final Object value : values)
        {
            at = ValueFormat.writeElement(value, buffer, at, null);
        }
        return Arrays.copyOf(buffer.byteArray(), at);
    }

    /**
     * @throws IOException if the bytes are not such an encoding.
     */
    public static Object[] decode(final byte[] bytes) throws IOException
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final int count = bytes.length < Integer.BYTES ? -1 : buffer.getInt(0);
        if (count < 0 || count > bytes.length)
        {
            throw new IOException("corrupt plain values: count " + count);
        }
        final Object[] values = new Object[count];
        final int[] cursor = {Integer.BYTES};
        try
        {
            for (int i = 0; i < count; i++)
            {
                values[i] = ValueFormat.readElement(buffer, cursor, bytes.length, null);
            }
        }
        catch (final IllegalStateException | IndexOutOfBoundsException ex)
        {
            throw new IOException("corrupt plain values: " + ex.getMessage(), ex);
        }
        return values;
    }
}
