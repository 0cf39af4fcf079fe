package io.multiprocessing4j.bench;

import io.multiprocessing4j.bench.runner.SideBySideRunner;
import io.multiprocessing4j.shm.JvmFlags;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the benchmarks jar:
 * <pre>
 * java -jar mp4j-benchmarks.jar jmh [--quick] [REGEX...]         JMH benchmarks (forks get the library's JVM flags)
 * java -jar mp4j-benchmarks.jar side-by-side [--quick] [WORKLOAD...]  ours vs Python vs raw Agrona
 * </pre>
 */
public final class Bench
{
    private Bench()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final String command = 0 == args.length ? "" : args[0];
        final String[] rest = 0 == args.length ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command)
        {
            case "jmh":
                jmh(rest);
                break;
            case "side-by-side":
                SideBySideRunner.main(rest);
                break;
            default:
                System.err.println("usage: java -jar mp4j-benchmarks.jar (jmh|side-by-side) [--quick] [NAMES...]");
                System.exit(2);
        }
    }

    private static void jmh(final String[] args) throws Exception
    {
        final List<String> includes = new ArrayList<>();
        boolean quick = false;
        for (final String arg : args)
        {
            if ("--quick".equals(arg))
            {
                quick = true;
            }
            else
            {
                includes.add(arg);
            }
        }
        final ChainedOptionsBuilder options = new OptionsBuilder()
            .jvmArgsAppend(JvmFlags.required().toArray(new String[0]))
            .forks(1)
            .warmupIterations(quick ? 2 : 5)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(quick ? 3 : 5)
            .measurementTime(TimeValue.seconds(1));
        if (includes.isEmpty())
        {
            options.include("io\\.multiprocessing4j\\.bench\\..*Benchmark");
        }
        includes.forEach(options::include);
        new Runner(options.build()).run();
    }
}
