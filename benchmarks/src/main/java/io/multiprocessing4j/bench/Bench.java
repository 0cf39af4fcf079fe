package io.multiprocessing4j.bench;

import io.multiprocessing4j.bench.runner.SideBySideRunner;
import io.multiprocessing4j.shm.JvmFlags;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the benchmarks jar:
 * <pre>
 * java -jar benchmarks.jar [--quick] [JMH OPTIONS] [REGEX...]           every JMH benchmark, or those matching
 * java -jar benchmarks.jar side-by-side [--quick] [WORKLOAD...]         ours vs Python vs raw Agrona and Chronicle
 * </pre>
 * JMH's own options ({@code -h} lists them) override the defaults here: fail on the first error, one fork,
 * 5 warm-up and 5 measured iterations of 1 s, or with {@code --quick} (a check that every benchmark still runs,
 * not a measurement) one warm-up and one measured iteration of 200 ms. Forks get the library's JVM flags.
 */
public final class Bench
{
    private static final String QUICK = "--quick";

    private Bench()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length > 0 && "side-by-side".equals(args[0]))
        {
            SideBySideRunner.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        final boolean quick = Arrays.asList(args).contains(QUICK);
        final List<String> jmhArgs = new ArrayList<>(Arrays.asList(args));
        jmhArgs.remove(QUICK);
        final CommandLineOptions command = new CommandLineOptions(jmhArgs.toArray(new String[0]));
        if (command.shouldHelp())
        {
            System.out.println("java -jar benchmarks.jar [--quick] [JMH OPTIONS] [REGEX...]");
            System.out.println("java -jar benchmarks.jar side-by-side [--quick] [WORKLOAD...]");
            command.showHelp();
            return;
        }
        if (command.shouldList())
        {
            new Runner(command).list();
            return;
        }
        final TimeValue iteration = quick ? TimeValue.milliseconds(200) : TimeValue.seconds(1);
        final ChainedOptionsBuilder options = new OptionsBuilder()
            .parent(command)
            .jvmArgsAppend(JvmFlags.required().toArray(new String[0]));
        if (!command.shouldFailOnError().hasValue())
        {
            options.shouldFailOnError(true);
        }
        if (!command.getForkCount().hasValue())
        {
            options.forks(1);
        }
        if (!command.getWarmupIterations().hasValue())
        {
            options.warmupIterations(quick ? 1 : 5);
        }
        if (!command.getWarmupTime().hasValue())
        {
            options.warmupTime(iteration);
        }
        if (!command.getMeasurementIterations().hasValue())
        {
            options.measurementIterations(quick ? 1 : 5);
        }
        if (!command.getMeasurementTime().hasValue())
        {
            options.measurementTime(iteration);
        }
        if (command.getIncludes().isEmpty())
        {
            options.include("io\\.multiprocessing4j\\.bench\\..*Benchmark");
        }
        new Runner(options.build()).run();
    }
}
