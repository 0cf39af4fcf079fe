package io.multiprocessing4j.internal.value;

import io.multiprocessing4j.codec.Codec;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Puts one value in a message, in {@link ValueFormat}: the message's type is the value's tag and the message its
 * payload; a {@code byte[]} is sent as it is, with no copy. One encoder per sending end; not thread-safe.
 */
public final class MessageEncoder
{
    private final ExpandableArrayBuffer encoded = new ExpandableArrayBuffer(256);
    private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
    private int type;
    private int length;

    /**
     * Encodes {@code value} into this encoder's buffer.
     *
     * @throws io.multiprocessing4j.codec.CodecException naming the class the codec cannot encode.
     */
    public void encode(final Object value, final Codec codec)
    {
        final int tag = ValueFormat.tagOf(value);
        if (ValueFormat.BYTES == tag)
        {
            final byte[] bytes = (byte[])value;
            encodeBytes(bytes, 0, bytes.length);
            return;
        }
        length = ValueFormat.writePayload(tag, value, encoded, 0, codec);
        type = tag;
        view.wrap(encoded.byteArray(), 0, length);
    }

    /**
     * Encodes {@code count} bytes of {@code bytes} from {@code offset} as a {@code byte[]} message, with no copy.
     */
    public void encodeBytes(final byte[] bytes, final int offset, final int count)
    {
        view.wrap(bytes, offset, count);
        type = ValueFormat.BYTES;
        length = count;
    }

    /**
     * @return the message: from index 0, {@link #length()} bytes; valid until the next encode.
     */
    public DirectBuffer buffer()
    {
        return view;
    }

    public int type()
    {
        return type;
    }

    public int length()
    {
        return length;
    }

    /**
     * @return the value a message of {@code type} holds.
     * @throws io.multiprocessing4j.codec.CodecException if the codec cannot decode it.
     * @throws IllegalStateException for an unknown type or a malformed payload (a corrupt message).
     */
    public static Object decode(final int type, final DirectBuffer buffer, final int index, final int length,
        final Codec codec)
    {
        return ValueFormat.readPayload(type, buffer, index, length, codec);
    }
}
