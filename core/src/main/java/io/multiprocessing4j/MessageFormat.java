package io.multiprocessing4j;

import io.multiprocessing4j.codec.Codec;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * How channels put one object in a message: {@code byte[]}, strings and boxed primitives as themselves, with
 * the message's type saying which, and anything else through the codec. One encoder per sending end; not
 * thread-safe.
 */
final class MessageFormat
{
    static final int BYTES = 1;
    static final int CODEC = 2;
    static final int NULL = 3;
    static final int INTEGER = 4;
    static final int LONG = 5;
    static final int DOUBLE = 6;
    static final int STRING = 7;
    static final int BOOLEAN = 8;

    private final ExpandableArrayBuffer encoded = new ExpandableArrayBuffer(256);
    private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
    private int type;
    private int length;

    /**
     * Encodes {@code value} into this encoder's buffer.
     *
     * @throws io.multiprocessing4j.codec.CodecException naming the class the codec cannot encode.
     */
    void encode(final Object value, final Codec codec)
    {
        if (null == value)
        {
            set(NULL, 0);
        }
        else if (value instanceof byte[])
        {
            final byte[] bytes = (byte[])value;
            view.wrap(bytes);
            type = BYTES;
            length = bytes.length;
            return;
        }
        else if (value instanceof Integer)
        {
            encoded.putInt(0, (Integer)value);
            set(INTEGER, Integer.BYTES);
        }
        else if (value instanceof Long)
        {
            encoded.putLong(0, (Long)value);
            set(LONG, Long.BYTES);
        }
        else if (value instanceof Double)
        {
            encoded.putDouble(0, (Double)value);
            set(DOUBLE, Double.BYTES);
        }
        else if (value instanceof Boolean)
        {
            encoded.putByte(0, (byte)((Boolean)value ? 1 : 0));
            set(BOOLEAN, 1);
        }
        else if (value instanceof String)
        {
            final byte[] utf8 = ((String)value).getBytes(StandardCharsets.UTF_8);
            encoded.putBytes(0, utf8);
            set(STRING, utf8.length);
        }
        else
        {
            final byte[] bytes = codec.encode(value);
            this.encoded.putBytes(0, bytes);
            set(CODEC, bytes.length);
        }
    }

    void encodeBytes(final byte[] bytes, final int offset, final int count)
    {
        view.wrap(bytes, offset, count);
        type = BYTES;
        length = count;
    }

    /**
     * @return the message: from index 0, {@link #length()} bytes; valid until the next encode.
     */
    DirectBuffer buffer()
    {
        return view;
    }

    int type()
    {
        return type;
    }

    int length()
    {
        return length;
    }

    /**
     * @return the object a message of {@code type} holds.
     * @throws io.multiprocessing4j.codec.CodecException if the codec cannot decode it.
     * @throws IllegalStateException for an unknown type (a corrupt message).
     */
    static Object decode(final int type, final DirectBuffer buffer, final int index, final int length,
        final Codec codec)
    {
        switch (type)
        {
            case NULL: return null;
            case INTEGER: return buffer.getInt(index);
            case LONG: return buffer.getLong(index);
            case DOUBLE: return buffer.getDouble(index);
            case BOOLEAN: return 0 != buffer.getByte(index);
            case STRING: return buffer.getStringWithoutLengthUtf8(index, length);
            case BYTES: return bytes(buffer, index, length);
            case CODEC: return codec.decode(bytes(buffer, index, length));
            default: throw new IllegalStateException("corrupt message: unknown type " + type);
        }
    }

    /**
     * @return the message's bytes: the array itself when a ring handed over a fresh on-heap copy (see
     * {@link io.multiprocessing4j.shm.ring.MessageHandler}), else a copy.
     */
    static byte[] bytes(final DirectBuffer buffer, final int index, final int length)
    {
        final byte[] array = buffer.byteArray();
        if (null != array && 0 == index && array.length == length && 0 == buffer.wrapAdjustment())
        {
            return array;
        }
        final byte[] bytes = new byte[length];
        buffer.getBytes(index, bytes);
        return bytes;
    }

    private void set(final int type, final int length)
    {
        this.type = type;
        this.length = length;
        view.wrap(encoded.byteArray(), 0, Math.max(length, 0));
    }
}
