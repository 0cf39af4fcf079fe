package io.multiprocessing4j.internal.process;

import io.multiprocessing4j.internal.value.PlainValues;
import io.multiprocessing4j.ProcessStartException;
import io.multiprocessing4j.codec.ClassAllowList;
import io.multiprocessing4j.codec.Codec;

import java.lang.invoke.SerializedLambda;
import java.util.List;

/**
 * Starts processes for {@code JvmProcess}: builds the child's {@link ChildSpec} (encoding the target in the
 * caller, so an unserializable target fails there) and hands it to a new, warm or thread child. Stateless.
 */
public final class Launcher
{
    private static final int WARM_ATTEMPTS = 3;

    private Launcher()
    {
    }

    /**
     * @param identity who the child will be.
     * @param daemon   whether it is a daemon process.
     * @param codec    encodes the target (or its captured values) here and decodes it in the child.
     * @param target   a serializable lambda or method reference (shipped by reference), or an object
     *                 (a {@code JvmProcess} subclass) shipped whole.
     * @return the spec.
     */
    public static ChildSpec spec(
        final CurrentProcess.Identity identity, final boolean daemon, final Codec codec, final Object target)
    {
        final SerializedLambda lambda = TargetReference.of(target);
        final ClassAllowList allowList = codec.allowList().withPackageOf(target.getClass());
        final Codec encoder = codec.withAllowList(allowList); // what the child decodes with
        final ChildSpec spec;
        if (null != lambda)
        {
            final Object[] captured = new Object[lambda.getCapturedArgCount()];
            for (int i = 0; i < captured.length; i++)
            {
                captured[i] = lambda.getCapturedArg(i);
            }
            final byte[] plain = PlainValues.encode(captured);
            spec = new ChildSpec(identity.info().name(), identity.identity(), daemon, identity.parent().name(),
                identity.parent().pid(), null == plain ? codec.id() : PlainValues.ID,
                null == plain ? allowList.prefixes() : List.of(),
                identity.logLevel(), ChildSpec.TARGET_REFERENCE, TargetReference.Name.of(lambda), null,
                null == plain ? encoder.encode(captured) : plain, lambda.getImplClass().replace('/', '.'));
        }
        else
        {
            final byte[] plain = TargetFields.encode(target);
            final String className = target.getClass().getName();
            spec = new ChildSpec(identity.info().name(), identity.identity(), daemon, identity.parent().name(),
                identity.parent().pid(), null == plain ? codec.id() : PlainValues.ID,
                null == plain ? allowList.prefixes() : List.of(), identity.logLevel(), ChildSpec.TARGET_OBJECT,
                null, className, null == plain ? encoder.encode(target) : plain, className);
        }
        return spec;
    }

    public static ChildProcess spawn(final ChildJvmSettings settings, final ChildSpec spec)
    {
        final JvmChild child = JvmChild.launch(settings, null);
        try
        {
            child.assign(spec.encode());
        }
        catch (final RuntimeException ex)
        {
            child.kill();
            throw ex;
        }
        return child;
    }

    /**
     * Hands the spec to a waiting JVM of the pool; JVMs the pool starts from now on preload its target's class.
     */
    public static ChildProcess warm(final WarmJvmPool pool, final ChildSpec spec)
    {
        pool.preload(spec.targetClass);
        final byte[] bytes = spec.encode();
        ProcessStartException failure = null;
        for (int attempt = 0; attempt < WARM_ATTEMPTS; attempt++)
        {
            final JvmChild child = pool.take();
            try
            {
                child.assign(bytes);
                return child;
            }
            catch (final ProcessStartException ex)
            {
                child.kill();
                failure = ex;
            }
        }
        throw failure;
    }

    public static ChildProcess thread(final CurrentProcess.Identity identity, final Runnable target)
    {
        return new ThreadChild(identity, target);
    }
}
