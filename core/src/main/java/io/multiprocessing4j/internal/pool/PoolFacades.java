package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.Pool;

import java.util.Objects;
import java.util.function.Function;

/**
 * Makes a public {@link Pool} of any {@link PoolEngine}, so that a backend outside this package (the cluster
 * module's) needs no public constructor on {@code Pool}. {@code Pool} registers its constructor when its class is
 * initialized. Thread-safe.
 */
public final class PoolFacades
{
    private static volatile Function<PoolEngine, Pool> poolOf;

    private PoolFacades()
    {
    }

    /**
     * Called once, by {@code Pool}'s static initializer.
     */
    public static void register(final Function<PoolEngine, Pool> constructor)
    {
        poolOf = constructor;
    }

    /**
     * @return a {@code Pool} whose calls {@code engine} runs, and which closes it.
     */
    public static Pool pool(final PoolEngine engine)
    {
        Objects.requireNonNull(engine, "engine");
        if (null == poolOf)
        {
            try
            {
                Class.forName(Pool.class.getName(), true, Pool.class.getClassLoader());
            }
            catch (final ClassNotFoundException ex)
            {
                throw new IllegalStateException(ex);
            }
        }
        return poolOf.apply(engine);
    }
}
