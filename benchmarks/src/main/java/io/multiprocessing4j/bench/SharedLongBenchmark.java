package io.multiprocessing4j.bench;

import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code SharedLong.incrementAndGet} against {@code AtomicLong}, uncontended and with two threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SharedLongBenchmark
{
    private ShmContext context;
    private SharedLong shared;
    private final AtomicLong heap = new AtomicLong();

    @Setup
    public void setUp()
    {
        context = ShmContext.create();
        shared = SharedLong.create(context, 0);
    }

    @TearDown
    public void tearDown()
    {
        context.close();
    }

    @Benchmark
    @Threads(1)
    public long sharedLongIncrement1Thread()
    {
        return shared.incrementAndGet();
    }

    @Benchmark
    @Threads(2)
    public long sharedLongIncrement2Threads()
    {
        return shared.incrementAndGet();
    }

    @Benchmark
    @Threads(1)
    public long atomicLongIncrement1Thread()
    {
        return heap.incrementAndGet();
    }

    @Benchmark
    @Threads(2)
    public long atomicLongIncrement2Threads()
    {
        return heap.incrementAndGet();
    }
}
