package io.multiprocessing4j.codec;

import org.apache.fory.Fory;
import org.apache.fory.ThreadSafeFory;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Apache Fory in Java-native mode with reference tracking; decoding consults the allow-list for every class
 * named in the bytes; shared objects travel as their handles. Thread-safe. Building Fory costs tens of
 * milliseconds in a fresh JVM, so it is built on first use only, and without run-time code generation,
 * which would cost a fresh child JVM far more in compilation than it saves on the few objects it decodes.
 */
final class ForyCodec implements Codec
{
    private final ClassAllowList allowList;
    /** Codecs that allow more, built once each: a process start widens by its target's package every time. */
    private final Map<List<String>, ForyCodec> widened = new ConcurrentHashMap<>();
    private volatile ThreadSafeFory fory;

    ForyCodec(final ClassAllowList allowList)
    {
        this.allowList = Objects.requireNonNull(allowList, "allowList");
    }

    public byte[] encode(final Object value)
    {
        try
        {
            return fory().serialize(value);
        }
        catch (final RuntimeException | StackOverflowError ex)
        {
            throw new CodecException("cannot encode " + JdkCodec.describe(value) + ": " + ex.getMessage(), ex);
        }
    }

    public Object decode(final byte[] bytes)
    {
        Objects.requireNonNull(bytes, "bytes");
        try
        {
            return fory().deserialize(bytes);
        }
        catch (final RuntimeException | StackOverflowError ex)
        {
            throw new CodecException("cannot decode " + bytes.length + " bytes: " + ex.getMessage() +
                " (allowed: " + allowList.prefixes() + ")", ex);
        }
    }

    public String id()
    {
        return FORY;
    }

    public ClassAllowList allowList()
    {
        return allowList;
    }

    public Codec withAllowList(final ClassAllowList more)
    {
        final ClassAllowList merged = allowList.with(more.prefixes().toArray(new String[0]));
        return merged == allowList ? this : widened.computeIfAbsent(merged.prefixes(), prefixes ->
            new ForyCodec(merged));
    }

    private ThreadSafeFory fory()
    {
        ThreadSafeFory built = fory;
        if (null == built)
        {
            synchronized (this)
            {
                built = fory;
                if (null == built)
                {
                    built = Fory.builder()
                        .withXlang(false)
                        .withRefTracking(true)
                        .requireClassRegistration(false)
                        .suppressClassRegistrationWarnings(true)
                        .withJdkClassSerializableCheck(true)
                        .withTypeChecker((resolver, className) -> allowList.allows(className))
                        .withCodegen(false)
                        .buildThreadSafeFory();
                    built.registerCallback(SharedObjectSerializer::register);
                    fory = built;
                }
            }
        }
        return built;
    }
}
