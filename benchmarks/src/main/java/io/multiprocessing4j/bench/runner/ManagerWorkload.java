package io.multiprocessing4j.bench.runner;

import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.manager.ManagedDict;
import io.multiprocessing4j.manager.ManagedList;
import io.multiprocessing4j.manager.ManagedValue;
import io.multiprocessing4j.manager.Manager;

import java.time.Duration;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * {@code manager-dict-set-get} (a child process puts then gets key {@code i % 100} of a manager dict, one
 * operation each) and {@code manager-list-append} (a child process appends {@code i} to a manager list):
 * operations per second in the child over at least a second and {@code operations} operations, after as
 * long untimed (the JIT's warm-up; the manager's JIT keeps improving for a second or two); {@code manager_bench.py}
 * does the same with Python's {@code multiprocessing.Manager()}.
 */
final class ManagerWorkload implements Workload
{
    private static final Duration JOIN = Duration.ofMinutes(2);
    private static final long WARM_UP_NS = 1_000_000_000L;
    private static final long TIMED_NS = 1_000_000_000L;
    private static final int ROUND = 1_000;

    private final String name;
    private final int operations;

    ManagerWorkload(final String name, final int operations)
    {
        this.name = name;
        this.operations = operations;
    }

    public String name()
    {
        return name;
    }

    public String unit()
    {
        return "operations per s from a child process";
    }

    public boolean higherIsBetter()
    {
        return true;
    }

    public List<String> anchors()
    {
        return List.of();
    }

    public List<String> pythonCommand(final int trials)
    {
        return List.of("manager_bench.py", "--mode", name.endsWith("append") ? "append" : "dict",
            "--n", "" + operations, "--trials", "" + trials);
    }

    public Trial trial(final String ignored) throws Exception
    {
        try (Manager manager = Manager.start())
        {
            final ManagedValue<Double> rate = manager.value(0.0);
            final int n = operations;
            final JvmProcess child;
            if (name.endsWith("append"))
            {
                final ManagedList<Integer> list = manager.list();
                child = new JvmProcess(() -> rate.set(append(list, n)));
            }
            else
            {
                final ManagedDict<Integer, Integer> dict = manager.dict();
                child = new JvmProcess(() -> rate.set(setGet(dict, n)));
            }
            child.start();
            if (!child.join(JOIN) || 0 != child.exitCode().orElse(-1))
            {
                throw new IllegalStateException("the benchmark child failed: " + child.exception());
            }
            return Trial.of(rate.get());
        }
    }

    static double setGet(final ManagedDict<Integer, Integer> dict, final int n)
    {
        return operationsPerSecond(n, i ->
        {
            dict.put(i % 100, i);
            dict.get(i % 100);
        }, 2);
    }

    static double append(final ManagedList<Integer> list, final int n)
    {
        return operationsPerSecond(n, list::add, 1);
    }

    /**
     * Warms, then times, through one method called per round (a timed loop of its own would first run in the
     * interpreter what the JIT had compiled into the warm-up loop).
     */
    private static double operationsPerSecond(final int n, final IntConsumer operation, final int perCall)
    {
        final long warmUntil = System.nanoTime() + WARM_UP_NS;
        for (int done = 0; done < n || System.nanoTime() - warmUntil < 0; done += ROUND)
        {
            round(operation, done, perCall);
        }
        long elapsed = 0;
        int done = 0;
        for (; done < n || elapsed < TIMED_NS; done += ROUND)
        {
            elapsed += round(operation, done, perCall);
        }
        return done / (elapsed / 1e9);
    }

    private static long round(final IntConsumer operation, final int from, final int perCall)
    {
        final long start = System.nanoTime();
        for (int i = from; i < from + ROUND; i += perCall)
        {
            operation.accept(i);
        }
        return System.nanoTime() - start;
    }
}
