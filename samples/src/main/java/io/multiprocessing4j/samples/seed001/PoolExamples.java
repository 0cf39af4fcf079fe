package io.multiprocessing4j.samples.seed001;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.Pool;

import io.multiprocessing4j.StartMethod;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
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
 * task(name) prints "Task A is being executed by " + current_process().name          -> pool-current-process
 * Pool(processes=pool_size, initializer=init_db_connection, initargs=(conn_str,))  -> pool-initializer
 * pool.map(slow_function, [1, 3, 5], timeout=4) -> "A task took too long to complete." -> pool-timeout
 * with pool_context(processes=4) as pool: pool.map(some_function, range(10))  # ThreadPool -> thread-pool
 * </pre>
 * The seeds' sleeps of seconds are tenths of a second here, so that the samples run quickly.
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

    /** The worker's "database connection", opened once per worker by the initializer. */
    private static String dbConnection;

    static void initDbConnection(final String connectionString)
    {
        dbConnection = connectionString + " (opened by " + Multiprocessing.currentProcess().name() + ")";
    }

    static String query(final int x)
    {
        return "query " + x + " over " + dbConnection;
    }

    static String task(final String name) throws InterruptedException
    {
        System.out.println("Task " + name + " is being executed by " + Multiprocessing.currentProcess().name());
        Thread.sleep(100);
        return "Finished task " + name;
    }

    static int slowFunction(final int tenths) throws InterruptedException
    {
        Thread.sleep(tenths * 100L);
        return tenths;
    }

    static int someFunction(final int val) throws InterruptedException
    {
        Thread.sleep(100);
        return val * 2;
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
            final AsyncResult<List<Integer>> asyncResults = pool.mapAsync(PoolExamples::square, data);
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

    public static void currentProcessName(final String[] args) throws Exception
    {
        try (Pool pool = Pool.create())
        {
            final List<String> results = pool.map(PoolExamples::task, List.of("A", "B", "C", "D", "E"), 1);
            results.forEach(System.out::println);
        }
    }

    public static void initializer(final String[] args) throws Exception
    {
        final String connectionString = "your_database_connection_string";
        try (Pool pool = Pool.builder().processes(2).initializer(() -> initDbConnection(connectionString)).build())
        {
            pool.map(PoolExamples::query, IntStream.range(0, 4).boxed().toList(), 1).forEach(System.out::println);
        }
    }

    public static void timeout(final String[] args) throws Exception
    {
        final Pool pool = Pool.create();
        try
        {
            final List<Integer> results = pool.mapAsync(PoolExamples::slowFunction, List.of(1, 3, 5), 1)
                .get(Duration.ofMillis(400));
            System.out.println(results);
        }
        catch (final TimeoutException ex)
        {
            System.out.println("A task took too long to complete.");
        }
        finally
        {
            pool.terminate();
        }
    }

    public static void threadPool(final String[] args) throws Exception
    {
        try (Pool pool = Pool.builder().processes(4).context(Multiprocessing.context(StartMethod.THREAD)).build())
        {
            System.out.println(pool.map(PoolExamples::someFunction, IntStream.range(0, 10).boxed().toList()));
        }
    }
}
