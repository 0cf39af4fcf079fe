package io.multiprocessing4j;

import io.multiprocessing4j.codec.CodecException;
import io.multiprocessing4j.function.SerializableCallable;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ProcessPoolExecutor} with real worker JVMs.
 */
final class ProcessPoolExecutorTest
{
    static long pid()
    {
        return ProcessHandle.current().pid();
    }

    @Test
    void submitInvokeAllInvokeAnyMapAndShutdown() throws Exception
    {
        final ProcessPoolExecutor executor = new ProcessPoolExecutor(2);
        try
        {
            final CompletableFuture<Long> remote =
                executor.submit((SerializableCallable<Long>)ProcessPoolExecutorTest::pid);
            assertTrue(remote.get(60, TimeUnit.SECONDS) != ProcessHandle.current().pid(), "it ran in a worker");
            final List<Long> workers = executor.workerPids();
            assertEquals(2, workers.size());
            assertTrue(workers.contains(remote.get()), "it ran in one of " + workers);

            final List<SerializableCallable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 10; i++)
            {
                final int x = i;
                tasks.add(() -> x * x);
            }
            final List<Future<Integer>> all = executor.invokeAll(tasks);
            for (int i = 0; i < 10; i++)
            {
                assertEquals(i * i, all.get(i).get());
            }
            final int any = executor.invokeAny(tasks);
            assertTrue(any >= 0 && any <= 81);

            final CompletableFuture<Integer> failing = executor.submit((SerializableCallable<Integer>)() ->
            {
                throw new IllegalStateException("task failed");
            });
            assertInstanceOf(IllegalStateException.class,
                assertThrows(ExecutionException.class, () -> failing.get(60, TimeUnit.SECONDS)).getCause());

            assertEquals(IntStream.range(0, 20).map(i -> i * 3).boxed().toList(),
                executor.map(x -> x * 3, IntStream.range(0, 20).boxed().toList(), 4));

            final Callable<Integer> notSerializable = () -> 1;
            final CodecException refused = assertThrows(CodecException.class, () -> executor.submit(notSerializable));
            assertTrue(refused.getMessage().contains("serializable"), refused.getMessage());
        }
        finally
        {
            executor.shutdown();
            assertTrue(executor.awaitTermination(60, TimeUnit.SECONDS));
        }
        assertTrue(executor.isTerminated());
        assertThrows(RejectedExecutionException.class,
            () -> executor.submit((SerializableCallable<Integer>)() -> 1));
    }

    @Test
    void supplyAsyncAndRunAsyncFitCompletableFutureIdiomsAndTheWrapperIsExplained() throws Exception
    {
        try (ProcessPoolExecutor executor = new ProcessPoolExecutor(1))
        {
            final long parent = ProcessHandle.current().pid();
            final CompletableFuture<Long> pid = executor.supplyAsync(ProcessPoolExecutorTest::pid);
            assertTrue(pid.thenApply(child -> child != parent).get(30, TimeUnit.SECONDS), "ran in a worker");
            assertEquals(null, executor.runAsync(() -> System.out.println("ran")).get(30, TimeUnit.SECONDS));
            final CodecException wrapper =
                assertThrows(CodecException.class, () -> CompletableFuture.supplyAsync(() -> 1, executor));
            assertTrue(wrapper.getMessage().contains("executor.supplyAsync(supplier)"), wrapper.getMessage());
        }
    }
}
