package io.multiprocessing4j.internal.process;

import io.multiprocessing4j.codec.ClassAllowList;
import io.multiprocessing4j.codec.Codec;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Encodes a serializable lambda or function object once, for every process that will run it (a barrier's
 * action, a pool's function): the package its class comes from, then its {@code java.io} form, which
 * carries a lambda as a {@link java.lang.invoke.SerializedLambda}. The receiver allows the defaults plus
 * that package. Stateless.
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
        final String packageName = function.getClass().getPackageName();
        final byte[] encoded = codec(packageName).encode(function);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[Integer.BYTES + packageName.length() * 3 + encoded.length]);
        final int prefixLength = buffer.putStringUtf8(0, packageName);
        buffer.putBytes(prefixLength, encoded);
        return Arrays.copyOf(buffer.byteArray(), prefixLength + encoded.length);
    }

    /**
     * @throws io.multiprocessing4j.codec.CodecException if the bytes are corrupt or name a class not allowed.
     */
    public static Object decode(final byte[] encoded)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(encoded);
        final String packageName = buffer.getStringUtf8(0);
        final int prefixLength = Integer.BYTES + buffer.getInt(0);
        return codec(packageName).decode(Arrays.copyOfRange(encoded, prefixLength, encoded.length));
    }

    private static Codec codec(final String packageName)
    {
        final ClassAllowList allowList = ClassAllowList.defaults();
        return Codec.jdk(packageName.isEmpty() ? allowList : allowList.with(packageName + "."));
    }
}
