package io.multiprocessing4j.tools;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code mp bench}: the side-by-side runner of {@code benchmarks/target/benchmarks.jar}, in a JVM of its own.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Run the side-by-side benchmarks (ours vs Python vs raw Agrona and Chronicle Queue) from the "
        + "repository root; writes benchmarks/results/side-by-side.{json,md,png}.")
final class BenchCommand implements Callable<Integer>
{
    @Option(names = "--quick", description = "3 trials per workload instead of 7.")
    boolean quick;

    @Option(names = "--jar", description = "The benchmarks jar (default: ${DEFAULT-VALUE}).",
        defaultValue = "benchmarks/target/benchmarks.jar")
    Path jar;

    @Parameters(arity = "0..*", paramLabel = "WORKLOAD", description = "Workloads to run (default: all).")
    List<String> workloads = new ArrayList<>();

    @Override
    public Integer call() throws Exception
    {
        if (!Files.isRegularFile(jar))
        {
            throw new IllegalArgumentException(jar.toAbsolutePath() + " does not exist: build it with "
                + "'mvn -q -DskipTests package -pl benchmarks -am' in the repository root");
        }
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString(), "side-by-side"));
        if (quick)
        {
            command.add("--quick");
        }
        command.addAll(workloads);
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }
}
