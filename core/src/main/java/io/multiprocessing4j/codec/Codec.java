package io.multiprocessing4j.codec;

import java.util.Objects;

/**
 * Turns objects into bytes and back for the trip between JVMs: process targets and their captured values,
 * and later queue messages and task results. Implementations are thread-safe, decode only classes their
 * {@link ClassAllowList} allows, and fail with a {@link CodecException} that names the offending class.
 * <p>
 * A codec is re-created in each child JVM from its {@link #id()} and allow-list, so a custom codec is a
 * public class with a public constructor taking a {@link ClassAllowList}, named by its class name.
 */
public interface Codec
{
    String FORY = "fory";
    String JDK = "jdk";

    /**
     * @param value any object graph the codec supports; {@code null} is allowed.
     * @return its encoding.
     * @throws CodecException naming the class that cannot be encoded.
     */
    byte[] encode(Object value);

    /**
     * @param bytes what {@link #encode(Object)} returned, in this or another JVM of the same build.
     * @return the decoded object.
     * @throws CodecException if the bytes are corrupt or name a class that is not allowed or not found.
     */
    Object decode(byte[] bytes);

    /**
     * @return {@value #FORY}, {@value #JDK}, or the class name of a custom codec.
     */
    String id();

    ClassAllowList allowList();

    /**
     * @return a codec of the same kind that also allows {@code allowList}'s prefixes.
     */
    Codec withAllowList(ClassAllowList allowList);

    /**
     * @param allowList classes it may decode.
     * @return Apache Fory in Java mode with reference tracking: the default.
     */
    static Codec fory(final ClassAllowList allowList)
    {
        return new ForyCodec(allowList);
    }

    /**
     * @param allowList classes it may decode (enforced with an {@link java.io.ObjectInputFilter}).
     * @return {@code java.io} serialization: slower, but it honours every {@code writeObject}/{@code readObject}.
     */
    static Codec jdk(final ClassAllowList allowList)
    {
        return new JdkCodec(allowList);
    }

    /**
     * @param id what {@link #id()} returned in the other JVM.
     * @param allowList classes the new codec may decode.
     * @return a codec of that kind.
     */
    static Codec create(final String id, final ClassAllowList allowList)
    {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(allowList, "allowList");
        switch (id)
        {
            case FORY: return fory(allowList);
            case JDK: return jdk(allowList);
            default:
                try
                {
                    return (Codec)Class.forName(id).getConstructor(ClassAllowList.class).newInstance(allowList);
                }
                catch (final ReflectiveOperationException | ClassCastException ex)
                {
                    throw new CodecException("cannot create codec '" + id +
                        "': expected a public Codec class with a public (ClassAllowList) constructor", ex);
                }
        }
    }
}
