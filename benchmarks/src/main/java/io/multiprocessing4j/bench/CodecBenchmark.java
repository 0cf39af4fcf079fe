package io.multiprocessing4j.bench;

import io.multiprocessing4j.codec.ClassAllowList;
import io.multiprocessing4j.codec.Codec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.Serializable;
import java.util.concurrent.TimeUnit;

/**
 * An encode + decode round trip of a small record through each codec, as a process target's captured value
 * or (later) a queue message travels.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark
{
    /**
     * A small message: an id, a name and four readings.
     *
     * @param id       an id.
     * @param name     a name.
     * @param readings four doubles.
     */
    public record Reading(long id, String name, double[] readings) implements Serializable
    {
    }

    @Param({Codec.FORY, Codec.JDK})
    public String codecId;

    private Codec codec;
    private Reading reading;
    private byte[] encoded;

    @Setup
    public void setUp()
    {
        codec = Codec.create(codecId, ClassAllowList.defaults().withPackageOf(CodecBenchmark.class));
        reading = new Reading(42, "sensor-7", new double[]{1.5, 2.5, 3.5, 4.5});
        encoded = codec.encode(reading);
    }

    @Benchmark
    public Object roundTrip()
    {
        return codec.decode(codec.encode(reading));
    }

    @Benchmark
    public byte[] encode()
    {
        return codec.encode(reading);
    }

    @Benchmark
    public Object decode()
    {
        return codec.decode(encoded);
    }
}
