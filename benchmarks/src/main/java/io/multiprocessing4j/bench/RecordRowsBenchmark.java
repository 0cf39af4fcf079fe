package io.multiprocessing4j.bench;

import io.multiprocessing4j.internal.value.ValueFormat;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A chunk of plain records written and read as one record block, as {@code pool-map-records} sends its tasks and
 * results: the cost per record of each side.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RecordRowsBenchmark
{
    private static final int CHUNK = 1_000;

    /**
     * The side-by-side workload's record.
     *
     * @param x an int.
     * @param y a double.
     */
    public record Point(int x, double y)
    {
    }

    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(64 * CHUNK));
    private final List<Point> points = new ArrayList<>();
    private int length;

    @Setup
    public void setUp()
    {
        for (int i = 0; i < CHUNK; i++)
        {
            points.add(new Point(i, i * 0.5));
        }
        length = write();
    }

    /**
     * @return the block's length, after the list's tag is worked out as a send does.
     */
    @Benchmark
    @OperationsPerInvocation(CHUNK)
    public int write()
    {
        return ValueFormat.writePayload(ValueFormat.listTag(points), points, buffer, 0, null);
    }

    @Benchmark
    @OperationsPerInvocation(CHUNK)
    public Object read()
    {
        return ValueFormat.readPayload(ValueFormat.RECORDS, buffer, 0, length, null);
    }
}
