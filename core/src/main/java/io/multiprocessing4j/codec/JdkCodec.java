package io.multiprocessing4j.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Objects;

/**
 * {@code java.io} serialization with an {@link ObjectInputFilter} that rejects classes outside the allow-list
 * and bounds depth and size. Thread-safe: each call uses its own streams.
 */
final class JdkCodec implements Codec
{
    private static final long MAX_DEPTH = 1_000;

    private final ClassAllowList allowList;

    JdkCodec(final ClassAllowList allowList)
    {
        this.allowList = Objects.requireNonNull(allowList, "allowList");
    }

    public byte[] encode(final Object value)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes))
        {
            out.writeObject(value);
        }
        catch (final NotSerializableException ex)
        {
            throw new CodecException("cannot encode " + describe(value) + ": " + ex.getMessage() +
                " does not implement java.io.Serializable", ex);
        }
        catch (final IOException ex)
        {
            throw new CodecException("cannot encode " + describe(value) + ": " + ex, ex);
        }
        return bytes.toByteArray();
    }

    public Object decode(final byte[] bytes)
    {
        Objects.requireNonNull(bytes, "bytes");
        final String[] rejected = new String[1];
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)))
        {
            in.setObjectInputFilter(info -> check(info, rejected));
            return in.readObject();
        }
        catch (final InvalidClassException ex)
        {
            throw new CodecException("cannot decode: " + (null == rejected[0] ? ex.getMessage() :
                "class " + rejected[0] + " is not in the allow-list " + allowList.prefixes()), ex);
        }
        catch (final IOException | ClassNotFoundException | RuntimeException ex)
        {
            throw new CodecException("cannot decode " + bytes.length + " bytes: " + ex, ex);
        }
    }

    public String id()
    {
        return JDK;
    }

    private ObjectInputFilter.Status check(final ObjectInputFilter.FilterInfo info, final String[] rejected)
    {
        if (info.depth() > MAX_DEPTH)
        {
            rejected[0] = "at depth " + info.depth() + " (deeper than " + MAX_DEPTH + ")";
            return ObjectInputFilter.Status.REJECTED;
        }
        final Class<?> type = info.serialClass();
        if (null == type || allowList.allows(type.getName()))
        {
            return null == type ? ObjectInputFilter.Status.UNDECIDED : ObjectInputFilter.Status.ALLOWED;
        }
        rejected[0] = type.getName();
        return ObjectInputFilter.Status.REJECTED;
    }

    public ClassAllowList allowList()
    {
        return allowList;
    }

    public Codec withAllowList(final ClassAllowList more)
    {
        final ClassAllowList merged = allowList.with(more.prefixes().toArray(new String[0]));
        return merged == allowList ? this : new JdkCodec(merged);
    }

    static String describe(final Object value)
    {
        return null == value ? "null" : "an instance of " + value.getClass().getName();
    }
}
