package io.multiprocessing4j;

import io.multiprocessing4j.codec.CodecException;
import io.multiprocessing4j.function.SerializableCallable;
import io.multiprocessing4j.internal.process.LambdaCall;
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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
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

    static String describe(final int id, final String name, final double[] weights)
    {
        return id + ":" + name + ":" + weights.length + ":" + ProcessHandle.current().pid();
    }

    /**
     * A lambda whose captured values are plain takes the pool's fast path: its class is one function, sent to a
     * worker once, and each task carries only its captured values. Results, exceptions (checked ones as they were
     * thrown), suppliers and runnables come back as on the codec path; invokeAll of 1,000 callables of one class runs
     * as one map in chunks, each future with its own outcome.
     */
    @Test
    void lambdasWithPlainCapturesTakeTheFastPathAndInvokeAllSendsThemInChunks() throws Exception
    {
        try (ProcessPoolExecutor executor = new ProcessPoolExecutor(2))
        {
            final int id = 7;
            final String name = "seven";
            final double[] weights = {1, 2};
            final SerializableCallable<String> task = () -> describe(id, name, weights);
            assertNotNull(LambdaCall.of(task), "a serializable lambda has a call of its class");
            final SerializableCallable<String> sameClass = task;
            assertSame(LambdaCall.of(task), LambdaCall.of(sameClass), "one call per lambda class");
            assertNotSame(LambdaCall.of(task), LambdaCall.of((SerializableCallable<String>)() -> name));
            final String described = executor.submit(task).get(60, TimeUnit.SECONDS);
            assertTrue(described.startsWith("7:seven:2:") && !described.endsWith(":" + ProcessHandle.current().pid()),
                described);
            assertEquals(42, executor.supplyAsync(() -> id * 6).get(60, TimeUnit.SECONDS));
            assertNull(executor.submit((Runnable & java.io.Serializable)() -> describe(id, name, weights))
                .get(60, TimeUnit.SECONDS));
            final ExecutionException checked = assertThrows(ExecutionException.class,
                () -> executor.submit((SerializableCallable<Integer>)() ->
                {
                    throw new java.io.IOException("disk " + id);
                }).get(60, TimeUnit.SECONDS));
            assertInstanceOf(java.io.IOException.class, checked.getCause());
            assertEquals("disk 7", checked.getCause().getMessage());

            final List<SerializableCallable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 1_000; i++)
            {
                final int x = i;
                tasks.add(() ->
                {
                    if (x == 500)
                    {
                        throw new IllegalStateException("task " + x);
                    }
                    return x * x;
                });
            }
            final List<Future<Integer>> all = executor.invokeAll(tasks, 60, TimeUnit.SECONDS);
            for (int i = 0; i < 1_000; i++)
            {
                if (500 == i)
                {
                    final ExecutionException failed = assertThrows(ExecutionException.class, all.get(i)::get);
                    assertEquals("task 500", failed.getCause().getMessage());
                }
                else
                {
                    assertEquals(i * i, all.get(i).get());
                }
            }
        }
    }
}
