package io.multiprocessing4j.bench.runner;

import io.multiprocessing4j.StartMethod;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs each workload through multiprocessing4j, Python's multiprocessing and raw Agrona in one run, takes
 * the median of each, and writes {@code benchmarks/results/side-by-side.json}:
 * {@code {"jdk", "python", "cores", "trials", "results": [{"workload", "unit", "better", "ours", "python",
 * "agrona", "vs_python"}]}}, where {@code vs_python > 1} means ours is better; a workload whose reference
 * point is not raw Agrona adds it under its own name (such as {@code "bare_java"}).
 * <p>
 * {@code side-by-side [--quick] [WORKLOAD...]}; run from the repository root (as
 * {@code benchmarks/side-by-side.sh} does) or set {@code -Dmp4j.bench.root}.
 */
public final class SideBySideRunner
{
    private static final long PYTHON_TIMEOUT_MS = 600_000;

    private SideBySideRunner()
    {
    }

    static Map<String, Workload> workloads()
    {
        final Map<String, Workload> workloads = new LinkedHashMap<>();
        for (final Workload workload : List.of(
            new ValueIncrementWorkload(100_000, false),
            new ValueIncrementWorkload(100_000, true),
            new ArrayFillSumWorkload(1_000_000),
            new ProcessStartJoinWorkload(StartMethod.SPAWN, "spawn"),
            new ProcessStartJoinWorkload(StartMethod.WARM, "fork"),
            new ProcessStartJoinWorkload(StartMethod.WARM, "forkserver"),
            new ProcessStartJoinWorkload(StartMethod.THREAD, "thread"),
            new LockContendedWorkload(1_000_000),
            new LockedIncrementWorkload(100_000),
            new EventPingPongWorkload(),
            new QueueThroughputWorkload("queue-1p1c", "int", 1, 1_000_000),
            new QueueThroughputWorkload("queue-1p1c-bytes64", "bytes64", 1, 1_000_000),
            new QueueThroughputWorkload("queue-1p1c-bytes1k", "bytes1k", 1, 500_000),
            new QueueThroughputWorkload("queue-2p1c", "int", 2, 1_000_000),
            new PipePingPongWorkload(50),
            new PipePingPongWorkload(99),
            new PipeOnewayWorkload(1_000_000),
            new PoolWorkload("pool-apply-roundtrip", "apply", 2_000, 0),
            new PoolWorkload("pool-map-trivial", "map", 100_000, 0),
            new PoolWorkload("pool-map-trivial-chunk1", "map", 100_000, 1),
            new PoolWorkload("pool-map-trivial-1m", "map", 1_000_000, 0),
            new PoolWorkload("pool-map-primitive", "map-array", 100_000, 0),
            new PoolWorkload("pool-map-primitive-1m", "map-array", 1_000_000, 0),
            new PoolWorkload("executor-submit-roundtrip", "executor", 2_000, 0),
            new PoolWorkload("pool-cpu-speedup", "cpu", 64, 1),
            new ManagerWorkload("manager-dict-set-get", 20_000),
            new ManagerWorkload("manager-list-append", 20_000)))
        {
            workloads.put(workload.name(), workload);
        }
        return workloads;
    }

    public static void main(final String[] args) throws Exception
    {
        final boolean quick = Arrays.asList(args).contains("--quick");
        final int trials = quick ? 3 : 7;
        final Map<String, Workload> all = workloads();
        final List<Workload> selected = new ArrayList<>();
        for (final String arg : args)
        {
            if (!arg.startsWith("--"))
            {
                final Workload workload = all.get(arg);
                if (null == workload)
                {
                    System.err.println("unknown workload '" + arg + "'; known: " + all.keySet());
                    System.exit(2);
                }
                selected.add(workload);
            }
        }
        if (selected.isEmpty())
        {
            selected.addAll(all.values());
        }

        final Path root = Path.of(System.getProperty("mp4j.bench.root", "."));
        final String pythonVersion = runPython(root, List.of("-c", "import sys; print(sys.version.split()[0])"))
            .get(0).trim();
        final StringBuilder json = new StringBuilder();
        json.append("{\n  \"jdk\": ").append(quote(System.getProperty("java.vm.name") + " " +
            System.getProperty("java.runtime.version")))
            .append(",\n  \"python\": ").append(quote(pythonVersion))
            .append(",\n  \"cores\": ").append(Runtime.getRuntime().availableProcessors())
            .append(",\n  \"trials\": ").append(trials)
            .append(",\n  \"results\": [");

        System.out.printf(Locale.ROOT, "%-34s %12s %12s %20s %10s  %s%n",
            "workload", "ours", "python", "anchor", "vs_python", "unit (median of " + trials + ")");
        String separator = "\n";
        for (final Workload workload : selected)
        {
            final double[] ours = new double[trials];
            final double[] agrona = new double[trials];
            for (int i = 0; i < trials; i++)
            {
                ours[i] = workload.trial(Workload.OURS);
                agrona[i] = workload.hasAgrona() ? workload.trial(Workload.AGRONA) : Double.NaN;
            }
            final double python = median(runPython(root, prefix(root, workload.pythonCommand(trials))).stream()
                .filter(line -> line.startsWith("trial "))
                .mapToDouble(line -> Double.parseDouble(line.substring("trial ".length()).trim()))
                .toArray());
            final double oursMedian = median(ours);
            final Double agronaMedian = workload.hasAgrona() ? median(agrona) : null;
            final double vsPython = workload.higherIsBetter() ? oursMedian / python : python / oursMedian;

            System.out.printf(Locale.ROOT, "%-34s %12.3f %12.3f %20s %10.1f  %s%n", workload.name(), oursMedian,
                python, null == agronaMedian ? "-" :
                    String.format(Locale.ROOT, "%s %.3f", workload.anchor(), agronaMedian), vsPython,
                workload.unit());
            json.append(separator).append("    {\"workload\": ").append(quote(workload.name()))
                .append(", \"unit\": ").append(quote(workload.unit()))
                .append(", \"better\": ").append(quote(workload.higherIsBetter() ? "higher" : "lower"))
                .append(", \"ours\": ").append(number(oursMedian))
                .append(", \"python\": ").append(number(python))
                .append(", \"agrona\": ").append(null == agronaMedian || !Workload.AGRONA.equals(workload.anchor()) ?
                    "null" : number(agronaMedian));
            if (null != agronaMedian && !Workload.AGRONA.equals(workload.anchor()))
            {
                json.append(", ").append(quote(workload.anchor())).append(": ").append(number(agronaMedian));
            }
            json
                .append(", \"vs_python\": ").append(number(vsPython)).append('}');
            separator = ",\n";
        }
        json.append("\n  ]\n}\n");
        final Path out = root.resolve("benchmarks/results/side-by-side.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, json.toString());
        System.out.println("wrote " + out.toAbsolutePath().normalize());
    }

    private static List<String> prefix(final Path root, final List<String> scriptAndArgs)
    {
        final List<String> command = new ArrayList<>(scriptAndArgs);
        command.set(0, root.resolve("benchmarks/python").resolve(scriptAndArgs.get(0)).toString());
        return command;
    }

    private static List<String> runPython(final Path root, final List<String> args) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add("python3");
        command.addAll(args);
        final Process process = new ProcessBuilder(command)
            .directory(root.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
        final List<String> lines = new ArrayList<>();
        try (BufferedReader reader =
            new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while (null != (line = reader.readLine()))
            {
                lines.add(line);
            }
        }
        if (!process.waitFor(PYTHON_TIMEOUT_MS, TimeUnit.MILLISECONDS))
        {
            process.destroyForcibly();
            throw new IllegalStateException("python did not finish: " + command);
        }
        if (0 != process.exitValue() || lines.isEmpty())
        {
            throw new IllegalStateException("python failed (exit " + process.exitValue() + "): " + command);
        }
        return lines;
    }

    static double median(final double[] values)
    {
        if (0 == values.length)
        {
            throw new IllegalArgumentException("no trials");
        }
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int mid = sorted.length / 2;
        return 0 == sorted.length % 2 ? (sorted[mid - 1] + sorted[mid]) / 2 : sorted[mid];
    }

    private static String number(final double value)
    {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static String quote(final String text)
    {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
