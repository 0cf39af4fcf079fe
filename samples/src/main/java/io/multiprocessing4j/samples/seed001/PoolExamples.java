package io.multiprocessing4j.samples.seed001;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.Pool;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Seed 001's {@code Pool} examples, one method each (each a sample of its own):
 * <pre>
 * with Pool(processes=4) as pool: results = pool.map(square, range(10))         -> pool-map
 * with Pool() as pool: result = pool.apply(square, (4,))                          -> pool-apply
 * with Pool() as pool: result = pool.apply_async(square, (4,))                    -> pool-apply-async
 * with Pool() as pool: results = pool.starmap(multiply, [(1, 2), (3, 4), (5, 6)]) -> pool-starmap
 * with Pool() as pool: async_results = pool.map_async(square, data)               -> pool-map-async
 * with Pool() as p: result_iterator = p.imap(square, [1, 2, 3, 4])                -> pool-imap
 * with Pool(processes=4, maxtasksperchild=10) as pool: pool.map(your_function, your_data) -> pool-maxtasksperchild
 * pool.apply_async(task_function, args=(10,), error_callback=error_handler)      -> pool-error-callback
 * with Pool(4) as p: results = p.map(worker_function, range(4))  # prints os.getpid() -> pool-worker-pids
 * </pre>
 * Java's try-with-resources closes a pool by draining it (Python's {@code with} terminates it).
 */
public final class PoolExamples
{
    private PoolExamples()
    {
    }

    static int square(final int x)
    {
        return x * x;
    }

    static int multiply(final int x, final int y)
    {
        return x * y;
    }

    static String whoAmI(final int x)
    {
        return x + " squared is " + square(x) + " in " + Multiprocessing.currentProcess().name();
    }

    static int workerFunction(final int x)
    {
        System.out.println("Process ID " + ProcessHandle.current().pid() + " is working on value " + x);
        return x * x;
    }

    static int taskFunction(final int x)
    {
        throw new IllegalStateException("task " + x + " failed");
    }

    public static void map(final String[] args) throws Exception
    {
        try (Pool pool = Pool.create(4))
        {
            final List<Integer> results = pool.map(PoolExamples::square, IntStream.range(0, 10).boxed().toList());
            System.out.println(results);
        }
    }

    public static void apply(final String[] args) throws Exception
    {
        try (Pool pool = Pool.create())
        {
            final int result = pool.apply(PoolExamples::square, 4);
            System.out.println(result);
        }
    }

    public static void applyAsync(final String[] args) throws Exception
    {
        try (Pool pool = Pool.create())
        {
            final AsyncResult<Integer> result = pool.applyAsync(PoolExamples::square, 4);
            System.out.println(result.get());
        }
    }

    public static void starmap(final String[] args) throws Exception
    {
        try (Pool pool = Pool.create())
        {
            final List<Integer> results =
                pool.starmap(PoolExamples::multiply, List.of(Map.entry(1, 2), Map.entry(3, 4), Map.entry(5, 6)));
            System.out.println(results);
        }
    }

    public static void mapAsync(final String[] args) throws Exception
    {
        final List<Integer> data = List.of(1, 2, 3, 4, 5);
        try (Pool pool = Pool.create())
        {
            final List<Integer> results = pool.map(PoolExamples::square, data);
            final AsyncResult<List<Integer>> asyncResults = pool.mapAsync(PoolExamples::square, data, 0);
            System.out.println(results);
            System.out.println(asyncResults.get());
        }
    }

    public static void imap(final String[] args) throws Exception
    {
        try (Pool p = Pool.create())
        {
            final Iterator<Integer> resultIterator = p.imap(PoolExamples::square, List.of(1, 2, 3, 4));
            while (resultIterator.hasNext())
            {
                System.out.println(resultIterator.next());
            }
        }
    }

    public static void maxTasksPerChild(final String[] args) throws Exception
    {
        try (Pool pool = Pool.builder().processes(4).maxTasksPerChild(10).build())
        {
            final List<String> results = pool.map(PoolExamples::whoAmI, IntStream.range(0, 20).boxed().toList(), 1);
            results.forEach(System.out::println);
        }
    }

    public static void errorCallback(final String[] args) throws Exception
    {
        try (Pool pool = Pool.create())
        {
            pool.applyAsync(PoolExamples::taskFunction, 10, null,
                exception -> System.out.println("An exception occurred: " + exception.getMessage()));
        }
    }

    public static void workerPids(final String[] args) throws Exception
    {
        final List<Integer> results;
        try (Pool p = Pool.create(4))
        {
            results = p.map(PoolExamples::workerFunction, IntStream.range(0, 4).boxed().toList());
        }
        System.out.println("Results: " + results);
    }
}
