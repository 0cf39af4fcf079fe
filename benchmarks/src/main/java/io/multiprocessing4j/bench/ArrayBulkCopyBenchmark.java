package io.multiprocessing4j.bench;

import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedDoubleArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * Bulk copy of a {@code double[]} into and out of a {@link SharedDoubleArray}, against a heap-to-heap
 * {@code System.arraycopy} of the same size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ArrayBulkCopyBenchmark
{
    @Param({"1024", "1048576"})
    public int length;

    private ShmContext context;
    private SharedDoubleArray shared;
    private double[] source;
    private double[] target;

    @Setup
    public void setUp()
    {
        context = ShmContext.create();
        shared = SharedDoubleArray.create(context, length);
        source = new double[length];
        target = new double[length];
        for (int i = 0; i < length; i++)
        {
            source[i] = i;
        }
    }

    @TearDown
    public void tearDown()
    {
        context.close();
    }

    @Benchmark
    public SharedDoubleArray copyIntoShared()
    {
        shared.copyFrom(source, 0, 0, length);
        return shared;
    }

    @Benchmark
    public double[] copyOutOfShared()
    {
        shared.copyTo(0, target, 0, length);
        return target;
    }

    @Benchmark
    public double[] heapArraycopy()
    {
        System.arraycopy(source, 0, target, 0, length);
        return target;
    }
}
