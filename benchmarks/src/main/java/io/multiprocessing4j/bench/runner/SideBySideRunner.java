package io.multiprocessing4j.bench.runner;

import io.multiprocessing4j.StartMethod;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs each workload through multiprocessing4j, Python's multiprocessing and the workload's anchors (raw
 * Agrona, Chronicle Queue, a bare JVM) in one run, several trials each, and writes the {@link Report}
 * under {@code benchmarks/results/}. In the JSON, {@code vs_python > 1} means ours is better.
 * <p>
 * {@code side-by-side [--quick] [--load N] [WORKLOAD...]}; run from the repository root (as
 * {@code benchmarks/side-by-side.sh} does) or set {@code -Dmp4j.bench.root}. {@code --load N} runs every trial of
 * both sides beside N busy processes ({@link BusyLoad}); the full run (no workload named) also has the
 * {@value #LOADED} rows of {@link #LOADED_WORKLOADS}, each beside one.
 */
public final class SideBySideRunner
{
    private static final long PYTHON_TIMEOUT_MS = 600_000;
    static final String LOADED = "-load1";
    /** The workloads the full run also runs beside one busy process, as {@code <workload>-load1}. */
    static final List<String> LOADED_WORKLOADS = List.of("pool-map-trivial", "pool-map-trivial-chunk1",
        "pool-apply-roundtrip", "queue-1p1c", "pipe-pingpong", "manager-dict-set-get");

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
            new PipePingPongWorkload(),
            new PipeOnewayWorkload(1_000_000, false),
            new PipeOnewayWorkload(1_000_000, true),
            new PoolWorkload("pool-apply-roundtrip", "apply", 2_000, 0),
            new PoolWorkload("pool-map-trivial", "map", 100_000, 0),
            new PoolWorkload("pool-map-trivial-chunk1", "map", 100_000, 1),
            new PoolWorkload("pool-map-trivial-1m", "map", 1_000_000, 0),
            new PoolWorkload("pool-map-records", "map-records", 100_000, 0),
            new PoolWorkload("pool-map-primitive", "map-array", 100_000, 0),
            new PoolWorkload("pool-map-primitive-1m", "map-array", 1_000_000, 0),
            new PoolWorkload("executor-submit-roundtrip", "executor", 2_000, 0),
            new PoolWorkload("pool-cpu-speedup", "cpu", 64, 1),
            new PoolFirstResultWorkload(),
            new ManagerWorkload("manager-dict-set-get", 20_000),
            new ManagerWorkload("manager-list-append", 20_000),
            new ClusterWorkload("cluster-map-trivial", false, 100_000),
            new ClusterWorkload("cluster-cpu-speedup", true, 64)))
        {
            workloads.put(workload.name(), workload);
        }
        for (final String name : LOADED_WORKLOADS)
        {
            final Workload loaded = new LoadedWorkload(workloads.get(name), 1);
            workloads.put(loaded.name(), loaded);
        }
        return workloads;
    }

    public static void main(final String[] args) throws Exception
    {
        final long started = System.nanoTime();
        final boolean quick = Arrays.asList(args).contains("--quick");
        final int trials = quick ? 3 : 7;
        final int load = load(args);
        final Map<String, Workload> all = workloads();
        final List<Workload> selected = new ArrayList<>();
        for (int i = 0; i < args.length; i++)
        {
            final String arg = args[i];
            if ("--load".equals(arg))
            {
                i++;
            }
            else if (!arg.startsWith("--"))
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
        System.out.printf(Locale.ROOT, "%-30s %10s %10s %10s  %-26s %s%n",
            "workload", "ours", "python", "vs python", "anchors", "unit (medians of " + trials + ")");
        final List<Result> results = new ArrayList<>();
        for (final Workload workload : selected)
        {
            final Map<String, List<Trial>> sides = new LinkedHashMap<>();
            sides.put(Workload.OURS, new ArrayList<>());
            workload.anchors().forEach(anchor -> sides.put(anchor, new ArrayList<>()));
            final List<Trial> python;
            try (BusyLoad busy = BusyLoad.start(Math.max(load, workload.load())))
            {
                for (int i = 0; i < trials; i++)
                {
                    for (final Map.Entry<String, List<Trial>> side : sides.entrySet())
                    {
                        side.getValue().add(workload.trial(side.getKey()));
                    }
                }
                python = runPython(root, prefix(root, workload.pythonCommand(trials))).stream()
                    .filter(Trial::isLine).map(Trial::parse).toList();
            }
            final Result result = new Result(workload)
                .add(Workload.OURS, sides.get(Workload.OURS))
                .add(Workload.PYTHON, python);
            workload.anchors().forEach(anchor -> result.add(anchor, sides.get(anchor)));
            results.add(result);

            final StringBuilder anchors = new StringBuilder();
            workload.anchors().forEach(anchor -> anchors.append(anchor).append(' ')
                .append(Report.figure(result.median(anchor))).append(' '));
            System.out.printf(Locale.ROOT, "%-30s %10s %10s %10s  %-26s %s%n", workload.name(),
                Report.figure(result.median(Workload.OURS)), Report.figure(result.median(Workload.PYTHON)),
                Report.ratio(result.vsPython(Workload.OURS)), anchors.toString().trim(), workload.unit());
        }

        final Report.Run run = new Report.Run(
            OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString(),
            System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
            pythonVersion, cpuModel(), Runtime.getRuntime().availableProcessors(), trials, load,
            ("benchmarks/side-by-side.sh " + String.join(" ", args)).trim(),
            TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        for (final Path written : new Report(run, results).write(root.resolve("benchmarks/results")))
        {
            System.out.println("wrote " + written.toAbsolutePath().normalize());
        }
        System.out.printf(Locale.ROOT, "%d workloads in %d min %d s%n",
            results.size(), run.seconds() / 60, run.seconds() % 60);
    }

    /**
     * @return the N of {@code --load N}, or 0.
     */
    static int load(final String[] args)
    {
        final int at = Arrays.asList(args).indexOf("--load");
        if (at < 0)
        {
            return 0;
        }
        final int n = at + 1 < args.length && args[at + 1].matches("\\d{1,2}") ? Integer.parseInt(args[at + 1]) : -1;
        if (n < 0)
        {
            throw new IllegalArgumentException("--load takes a number of busy processes, 0 to 99");
        }
        return n;
    }

    private static String cpuModel() throws IOException
    {
        final Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo))
        {
            for (final String line : Files.readAllLines(cpuinfo))
            {
                if (line.startsWith("model name"))
                {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        }
        return System.getProperty("os.arch");
    }

    private static List<String> prefix(final Path root, final List<String> scriptAndArgs)
    {
        final List<String> command = new ArrayList<>(scriptAndArgs);
        command.set(0, root.resolve("benchmarks/python").resolve(scriptAndArgs.get(0)).toString());
        return command;
    }

    private static List<String> runPython(final Path root, final List<String> args) throws IOException,
        InterruptedException
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
}
