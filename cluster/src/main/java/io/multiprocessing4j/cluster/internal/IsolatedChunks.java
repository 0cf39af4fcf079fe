package io.multiprocessing4j.cluster.internal;

import io.multiprocessing4j.Pool;
import io.multiprocessing4j.function.PoolDoubleOperator;
import io.multiprocessing4j.function.PoolFunction;
import io.multiprocessing4j.function.PoolIntOperator;
import io.multiprocessing4j.function.PoolLongOperator;
import io.multiprocessing4j.internal.pool.PoolValues;

import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Runs a member's chunks in a local {@link Pool} of child JVMs instead of on the member's own threads, for work that
 * may crash its process: a chunk whose worker dies fails with {@code WorkerDiedException}, and the member lives on.
 * Each chunk is one task of the local pool. Thread-safe.
 */
final class IsolatedChunks implements AutoCloseable
{
    private final Pool pool;

    IsolatedChunks(final int workers, final String[] allowed)
    {
        pool = Pool.builder().processes(workers).allowClasses(allowed).build();
    }

    /**
     * @see io.multiprocessing4j.internal.pool.ChunkApplier#apply
     * @throws Exception what the function threw, or {@code WorkerDiedException} if its worker died.
     */
    @SuppressWarnings("unchecked")
    Object apply(final Object function, final Object arguments) throws Exception
    {
        try
        {
            if (function instanceof PoolIntOperator && arguments instanceof int[])
            {
                return pool.map((PoolIntOperator)function, (int[])arguments);
            }
            if (function instanceof PoolLongOperator && arguments instanceof long[])
            {
                return pool.map((PoolLongOperator)function, (long[])arguments);
            }
            if (function instanceof PoolDoubleOperator && arguments instanceof double[])
            {
                return pool.map((PoolDoubleOperator)function, (double[])arguments);
            }
            if (function instanceof PoolFunction)
            {
                final List<Object> values = PoolValues.boxed(arguments);
                return pool.map((PoolFunction<Object, Object>)function, values, Math.max(1, values.size()));
            }
        }
        catch (final ExecutionException ex)
        {
            throw ex.getCause() instanceof Exception ? (Exception)ex.getCause() : ex;
        }
        throw new IllegalArgumentException("a " + function.getClass().getName() + " cannot be applied to " +
            arguments.getClass().getSimpleName());
    }

    @Override
    public void close()
    {
        pool.terminate();
    }
}
