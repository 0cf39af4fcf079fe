package io.multiprocessing4j.bench;

import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.shm.ShmContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Uncontended {@code lock(); unlock()} of a {@link SharedLock}, against {@link ReentrantLock}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SharedLockBenchmark
{
    private ShmContext context;
    private SharedLock shared;
    private final ReentrantLock heap = new ReentrantLock();

    @Setup
    public void setUp()
    {
        context = ShmContext.create();
        shared = SharedLock.create(context);
    }

    @TearDown
    public void tearDown()
    {
        context.close();
    }

    @Benchmark
    public void sharedLockUnlock()
    {
        shared.lock();
        shared.unlock();
    }

    @Benchmark
    public void reentrantLockUnlock()
    {
        heap.lock();
        heap.unlock();
    }
}
