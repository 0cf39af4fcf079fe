package io.multiprocessing4j.internal.process;

import io.multiprocessing4j.codec.ClassAllowList;
import io.multiprocessing4j.codec.Codec;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes a serializable lambda or function object once, for every process that will run it (a barrier's
 * action, a pool's function): the class-name prefix its class is allowed by (its package, or the class
 * itself in the unnamed package), then its {@code java.io} form, which carries a lambda as a
 * {@link java.lang.invoke.SerializedLambda}. The receiver allows the defaults plus that prefix. Stateless.
 */
public final class SerializedFunctions
{
    private SerializedFunctions()
    {
    }

    /**
     * @throws io.multiprocessing4j.codec.CodecException naming the class that cannot be encoded.
     */
    public static byte[] encode(final Serializable function)
    {
        return encode(function, function.getClass());
    }

    /**
     * @param origin the class whose package the receiver must allow: the function's, or, for a wrapper of this
     *               library around a user's function, the user's.
     */
    public static byte[] encode(final Serializable function, final Class<?> origin)
    {
        final List<String> added = ClassAllowList.of(List.of()).withPackageOf(origin).prefixes();
        final String prefix = added.get(0);
        final byte[] encoded = codec(prefix).encode(function);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[Integer.BYTES + prefix.length() * 3 + encoded.length]);
        final int prefixLength = buffer.putStringUtf8(0, prefix);
        buffer.putBytes(prefixLength, encoded);
        return Arrays.copyOf(buffer.byteArray(), prefixLength + encoded.length);
    }

    /**
     * @throws io.multiprocessing4j.codec.CodecException if the bytes are corrupt or name a class not allowed.
     */
    public static Object decode(final byte[] encoded)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(encoded);
        final String prefix = buffer.getStringUtf8(0);
        final int prefixLength = Integer.BYTES + buffer.getInt(0);
        return codec(prefix).decode(Arrays.copyOfRange(encoded, prefixLength, encoded.length));
    }

    private static Codec codec(final String prefix)
    {
        return Codec.jdk(ClassAllowList.defaults().with(prefix));
    }
}
