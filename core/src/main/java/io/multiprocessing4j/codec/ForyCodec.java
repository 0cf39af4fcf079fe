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
    /** The class the allow-list refused last on this thread, for the exception that follows it out of Fory. */
    private static final ThreadLocal<String> REFUSED = new ThreadLocal<>();

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
        REFUSED.remove();
        try
        {
            return fory().serialize(value);
        }
        catch (final RuntimeException | StackOverflowError ex)
        {
            throw refusedOr(ex, "cannot encode " + JdkCodec.describe(value) + ": " + ex.getMessage());
        }
    }

    public Object decode(final byte[] bytes)
    {
        Objects.requireNonNull(bytes, "bytes");
        REFUSED.remove();
        try
        {
            return fory().deserialize(bytes);
        }
        catch (final RuntimeException | StackOverflowError ex)
        {
            throw refusedOr(ex, "cannot decode " + bytes.length + " bytes: " + ex.getMessage() + " (allowed: " +
                allowList.prefixes() + ")");
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
                        .withTypeChecker((resolver, className) -> allows(className))
                        .withCodegen(false)
                        .buildThreadSafeFory();
                    built.registerCallback(SharedObjectSerializer::register);
                    fory = built;
                }
            }
        }
        return built;
    }

    private boolean allows(final String className)
    {
        if (allowList.allows(className))
        {
            return true;
        }
        REFUSED.set(className);
        return false;
    }

    /**
     * @return our exception naming the class the allow-list refused, the allow-list and the fix, if that is what
     * made Fory fail; else one with {@code otherwise}.
     */
    private CodecException refusedOr(final Throwable failure, final String otherwise)
    {
        final String refused = REFUSED.get();
        REFUSED.remove();
        if (null == refused)
        {
            return new CodecException(otherwise, failure);
        }
        final int dot = refused.lastIndexOf('.');
        final String prefix = dot < 0 ? refused : refused.substring(0, dot + 1);
        return new CodecException("class " + refused + " is not on the codec's allow-list " + allowList.prefixes() +
            ", so it may not cross between JVMs; allow its package with -Dmp4j.codec.allow=" + prefix +
            " (or allowClasses(\"" + prefix + "\") on the pool, process context or queue)", failure);
    }
}
