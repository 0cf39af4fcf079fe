package io.multiprocessing4j;

import io.multiprocessing4j.codec.CodecException;
import io.multiprocessing4j.function.PoolFunction;
import io.multiprocessing4j.function.SerializableRunnable;
import io.multiprocessing4j.function.SerializableSupplier;
import io.multiprocessing4j.internal.process.LambdaCall;
import io.multiprocessing4j.internal.process.SerializedFunctions;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Python's {@code concurrent.futures.ProcessPoolExecutor}: an {@link java.util.concurrent.ExecutorService}
 * whose tasks run in the worker JVMs of a {@link Pool}. Tasks must be serializable
 * ({@link io.multiprocessing4j.function.SerializableCallable}, or a lambda cast to {@code Callable &
 * Serializable}); a task that is not throws {@link io.multiprocessing4j.codec.CodecException} naming its
 * class when submitted. Futures are {@link CompletableFuture}s, so "as completed" is
 * {@code CompletableFuture.anyOf} or a completion callback. {@link #map} applies a function with a
 * chunksize, as Python's does. A worker that dies fails only its own tasks ({@link WorkerDiedException}),
 * never the whole executor. Thread-safe.
 */
public final class ProcessPoolExecutor extends AbstractExecutorService implements AutoCloseable
{
    private final Pool pool;
    private volatile boolean shutdown;

    /**
     * @param maxWorkers how many worker JVMs (Python's {@code max_workers}).
     */
    public ProcessPoolExecutor(final int maxWorkers)
    {
        this(Pool.builder().processes(maxWorkers));
    }

    /**
     * @param pool how the workers are made: processes, initializer, maxTasksPerChild, retries, context.
     */
    public ProcessPoolExecutor(final Pool.Builder pool)
    {
        this(Objects.requireNonNull(pool, "pool").build());
    }

    /**
     * An executor on a pool already built, such as a cluster's ({@code ClusterPool.connect}); the executor owns
     * it: {@link #shutdown} and {@link #close} close it, {@link #shutdownNow} terminates it.
     */
    public ProcessPoolExecutor(final Pool pool)
    {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /**
     * Submits a task; it runs in a worker.
     *
     * @throws io.multiprocessing4j.codec.CodecException if the task is not serializable, naming its class.
     */
    public <T> CompletableFuture<T> submit(final Callable<T> task)
    {
        return send(task, "task", ProcessPoolExecutor::call);
    }

    public CompletableFuture<?> submit(final Runnable task)
    {
        return send(task, "task", ProcessPoolExecutor::run);
    }

    /**
     * {@code CompletableFuture.supplyAsync(supplier, executor)} for a worker process: the supplier runs in a
     * worker and the future completes with what it returns. ({@code CompletableFuture.supplyAsync(supplier, this)}
     * cannot work: it hands this executor a wrapper of its own, which cannot travel.)
     *
     * @throws io.multiprocessing4j.codec.CodecException if what the supplier captures cannot be encoded.
     */
    public <T> CompletableFuture<T> supplyAsync(final SerializableSupplier<T> supplier)
    {
        return send(supplier, "supplier", ProcessPoolExecutor::supply);
    }

    /**
     * {@code CompletableFuture.runAsync(action, executor)} for a worker process.
     */
    public CompletableFuture<Void> runAsync(final SerializableRunnable action)
    {
        return submit(Objects.requireNonNull(action, "action")).thenApply(ignored -> null);
    }

    public <T> CompletableFuture<T> submit(final Runnable task, final T result)
    {
        return submit(task).thenApply(ignored -> result);
    }

    public void execute(final Runnable command)
    {
        submit(command);
    }

    public <T> List<Future<T>> invokeAll(final Collection<? extends Callable<T>> tasks) throws InterruptedException
    {
        return invokeAll(tasks, Long.MAX_VALUE, TimeUnit.NANOSECONDS);
    }

    /**
     * Submits every task and waits for all (or until the timeout: tasks not done are then cancelled here,
     * though a task already running in a worker runs to its end). Lambdas of one class whose captured values are
     * plain travel as one map, in chunks; each future still holds its own task's result or exception.
     */
    public <T> List<Future<T>> invokeAll(final Collection<? extends Callable<T>> tasks, final long timeout,
        final TimeUnit unit) throws InterruptedException
    {
        checkRunning();
        final List<Future<T>> futures = new ArrayList<>(Collections.nCopies(tasks.size(), null));
        final Map<LambdaCall, List<Integer>> indices = new IdentityHashMap<>();
        final Map<LambdaCall, List<List<Object>>> arguments = new IdentityHashMap<>();
        int index = 0;
        for (final Callable<T> task : tasks)
        {
            final LambdaCall call = LambdaCall.of(Objects.requireNonNull(task, "task"));
            final List<Object> captured = null == call ? null : call.plainCaptured(task);
            if (null != captured)
            {
                indices.computeIfAbsent(call, ignored -> new ArrayList<>()).add(index);
                arguments.computeIfAbsent(call, ignored -> new ArrayList<>()).add(captured);
            }
            else
            {
                futures.set(index, submit(task));
            }
            index++;
        }
        indices.forEach((call, at) -> mapInto(call, at, arguments.get(call), futures));
        final long deadline = System.nanoTime() + Math.max(0, unit.toNanos(timeout));
        for (final Future<T> future : futures)
        {
            try
            {
                future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            catch (final ExecutionException ignore)
            {
                // the future holds it
            }
            catch (final TimeoutException ex)
            {
                futures.forEach(each -> each.cancel(false));
                break;
            }
        }
        return futures;
    }

    public <T> T invokeAny(final Collection<? extends Callable<T>> tasks) throws InterruptedException,
        ExecutionException
    {
        try
        {
            return invokeAny(tasks, Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        }
        catch (final TimeoutException ex)
        {
            throw new ExecutionException(ex);
        }
    }

    /**
     * @return the result of a task that completed without an exception; the others are cancelled here.
     * @throws ExecutionException if every task failed (with the last failure as its cause).
     */
    public <T> T invokeAny(final Collection<? extends Callable<T>> tasks, final long timeout, final TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException
    {
        if (tasks.isEmpty())
        {
            throw new IllegalArgumentException("no tasks");
        }
        final CompletableFuture<T> first = new CompletableFuture<>();
        final List<CompletableFuture<T>> futures = new ArrayList<>();
        final int[] failed = {0};
        for (final Callable<T> task : tasks)
        {
            final CompletableFuture<T> future = submit(task);
            futures.add(future);
            future.whenComplete((value, failure) ->
            {
                if (null == failure)
                {
                    first.complete(value);
                }
                else
                {
                    synchronized (failed)
                    {
                        if (++failed[0] == tasks.size())
                        {
                            first.completeExceptionally(failure);
                        }
                    }
                }
            });
        }
        try
        {
            return first.get(timeout, unit);
        }
        finally
        {
            futures.forEach(each -> each.cancel(false));
        }
    }

    /**
     * Applies {@code function} to each argument in the workers, {@code chunksize} at a time, and returns the
     * results in order (Python's {@code Executor.map}).
     */
    public <T, R> List<R> map(final PoolFunction<T, R> function, final Iterable<? extends T> arguments,
        final int chunksize) throws InterruptedException, ExecutionException
    {
        checkRunning();
        return pool.map(function, arguments, chunksize);
    }

    /**
     * @return the pids of the worker JVMs, one per worker, as they are now (a worker that died is replaced);
     * what Python reaches through {@code executor._processes}.
     */
    public List<Long> workerPids()
    {
        return pool.workerPids();
    }

    /**
     * Takes no more tasks; those submitted still run (Python's {@code shutdown(wait=False)}).
     */
    public void shutdown()
    {
        shutdown = true;
    }

    /**
     * Stops the workers at once; tasks not finished fail with {@link java.util.concurrent.CancellationException}.
     *
     * @return an empty list: tasks already sent to the workers cannot be handed back.
     */
    public List<Runnable> shutdownNow()
    {
        shutdown = true;
        pool.terminate();
        return new ArrayList<>();
    }

    public boolean isShutdown()
    {
        return shutdown;
    }

    public boolean isTerminated()
    {
        return shutdown && pool.isTerminated();
    }

    /**
     * Waits for the tasks submitted before {@link #shutdown()} to finish, then stops the workers.
     */
    public boolean awaitTermination(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        if (!shutdown)
        {
            return false;
        }
        return pool.engine.awaitQuiet(Duration.ofNanos(unit.toNanos(timeout))) && closePool();
    }

    /**
     * Shuts down, waits for every task, and stops the workers (Python's {@code shutdown(wait=True)}).
     */
    public void close()
    {
        shutdown = true;
        pool.close();
    }

    private boolean closePool()
    {
        pool.close();
        return true;
    }

    private void checkRunning()
    {
        if (shutdown)
        {
            throw new RejectedExecutionException("the executor is shut down");
        }
    }

    /**
     * Sends a task to a worker: a lambda whose captured values are plain as its class's function (sent once, named by
     * id) and those values; anything else whole, encoded with {@code java.io}, for {@code whole} to decode and run.
     *
     * @throws io.multiprocessing4j.codec.CodecException if the task is not serializable, naming its class.
     */
    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> send(final Object task, final String what, final PoolFunction<byte[], T> whole)
    {
        Objects.requireNonNull(task, what);
        checkRunning();
        final LambdaCall call = LambdaCall.of(task);
        final List<Object> captured = null == call ? null : call.plainCaptured(task);
        if (null != captured)
        {
            return pool.<List<Object>, T>applyAsync((PoolFunction<List<Object>, T>)(PoolFunction<?, ?>)call, captured)
                .toCompletableFuture();
        }
        final byte[] encoded = SerializedFunctions.encode(serializable(task), task.getClass());
        return pool.applyAsync(whole, encoded).toCompletableFuture();
    }

    /**
     * Runs the tasks of one lambda class as one map of their captured values, completing each task's future with its
     * own result or exception.
     */
    @SuppressWarnings("unchecked")
    private <T> void mapInto(final LambdaCall call, final List<Integer> indices, final List<List<Object>> arguments,
        final List<Future<T>> futures)
    {
        final List<CompletableFuture<T>> each = new ArrayList<>(indices.size());
        for (final int index : indices)
        {
            final CompletableFuture<T> future = new CompletableFuture<>();
            futures.set(index, future);
            each.add(future);
        }
        pool.mapAsync(call.catching(), arguments).toCompletableFuture().whenComplete((results, failure) ->
        {
            for (int i = 0; i < each.size(); i++)
            {
                final Object result = null == failure ? results.get(i) : null;
                if (null != failure)
                {
                    each.get(i).completeExceptionally(failure);
                }
                else if (result instanceof LambdaCall.Failed)
                {
                    each.get(i).completeExceptionally(((LambdaCall.Failed)result).cause);
                }
                else
                {
                    each.get(i).complete((T)result);
                }
            }
        });
    }

    private static Serializable serializable(final Object task)
    {
        if (task.getClass().getName().startsWith(CompletableFuture.class.getName() + "$"))
        {
            throw new CodecException("CompletableFuture handed this executor " + task.getClass().getName() +
                ", a wrapper that cannot travel to another process: use executor.supplyAsync(supplier) or " +
                "executor.runAsync(action) instead of CompletableFuture.supplyAsync(supplier, executor)");
        }
        if (!(task instanceof Serializable))
        {
            throw new CodecException("a task for another process must be serializable: " +
                task.getClass().getName() + " (use SerializableCallable, or cast a lambda to Callable & Serializable)");
        }
        return (Serializable)task;
    }

    @SuppressWarnings("unchecked")
    private static <T> T call(final byte[] encoded) throws Exception
    {
        return ((Callable<T>)SerializedFunctions.decode(encoded)).call();
    }

    @SuppressWarnings("unchecked")
    private static <T> T supply(final byte[] encoded)
    {
        return ((Supplier<T>)SerializedFunctions.decode(encoded)).get();
    }

    private static Object run(final byte[] encoded)
    {
        ((Runnable)SerializedFunctions.decode(encoded)).run();
        return null;
    }
}
