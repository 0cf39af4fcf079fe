package io.multiprocessing4j.bench.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes a side-by-side run as {@code side-by-side.json} (medians, min and max of every side, latency
 * percentiles, the run's machine), {@code side-by-side.md} (the same as tables) and {@code side-by-side.png}
 * ({@link ReportChart}).
 */
final class Report
{
    static final Map<String, String> SIDE_LABELS = Map.of(
        Workload.OURS, "multiprocessing4j",
        Workload.PYTHON, "Python",
        Workload.AGRONA, "raw Agrona",
        Workload.CHRONICLE, "Chronicle Queue",
        ClusterWorkload.HAZELCAST, "raw Hazelcast",
        ProcessStartJoinWorkload.BARE_JVM, "bare JVM");
    /** The anchors, in the order of the Markdown table's columns; the JSON always has the first two. */
    static final List<String> ANCHORS = List.of(Workload.AGRONA, Workload.CHRONICLE, ClusterWorkload.HAZELCAST,
        ProcessStartJoinWorkload.BARE_JVM);

    /**
     * What the run ran on.
     *
     * @param date    ISO-8601, with the offset.
     * @param load    the busy processes every trial ran beside ({@code --load N}); a {@code -load1} row adds one.
     * @param seconds the run's wall time.
     */
    record Run(String date, String jdk, String python, String cpu, int cores, int trials, int load, String command,
        long seconds)
    {
    }

    private final Run run;
    private final List<Result> results;

    Report(final Run run, final List<Result> results)
    {
        this.run = run;
        this.results = List.copyOf(results);
    }

    /**
     * @return the three files written.
     */
    List<Path> write(final Path directory) throws IOException
    {
        Files.createDirectories(directory);
        final Path json = directory.resolve("side-by-side.json");
        final Path markdown = directory.resolve("side-by-side.md");
        final Path png = directory.resolve("side-by-side.png");
        Files.writeString(json, json());
        Files.writeString(markdown, markdown());
        ReportChart.write(results, run, png);
        return List.of(json, markdown, png);
    }

    String json()
    {
        final StringBuilder out = new StringBuilder("{\n");
        out.append("  \"date\": ").append(quote(run.date()))
            .append(",\n  \"jdk\": ").append(quote(run.jdk()))
            .append(",\n  \"python\": ").append(quote(run.python()))
            .append(",\n  \"cpu\": ").append(quote(run.cpu()))
            .append(",\n  \"cores\": ").append(run.cores())
            .append(",\n  \"trials\": ").append(run.trials())
            .append(",\n  \"load\": ").append(run.load())
            .append(",\n  \"command\": ").append(quote(run.command()))
            .append(",\n  \"seconds\": ").append(run.seconds())
            .append(",\n  \"results\": [");
        String separator = "\n";
        for (final Result result : results)
        {
            final Workload workload = result.workload();
            out.append(separator).append("    {\"workload\": ").append(quote(workload.name()))
                .append(", \"unit\": ").append(quote(workload.unit()))
                .append(", \"better\": ").append(quote(workload.higherIsBetter() ? "higher" : "lower"))
                .append(", \"load\": ").append(Math.max(run.load(), workload.load()));
            for (final String side : jsonSides(result))
            {
                out.append(", ").append(quote(side)).append(": ")
                    .append(result.has(side) ? number(result.median(side)) : "null");
            }
            out.append(", \"vs_python\": ").append(number(result.vsPython(Workload.OURS)));
            appendBySide(out, "min", result, side -> number(result.min(side)));
            appendBySide(out, "max", result, side -> number(result.max(side)));
            if (result.hasPercentiles(Workload.OURS))
            {
                appendBySide(out, "percentiles", result, side ->
                {
                    final Trial.Percentiles p = result.percentiles(side);
                    return "{\"p50\": " + number(p.p50()) + ", \"p99\": " + number(p.p99()) +
                        ", \"p99.9\": " + number(p.p999()) + "}";
                });
            }
            out.append('}');
            separator = ",\n";
        }
        return out.append("\n  ]\n}\n").toString();
    }

    private static Set<String> jsonSides(final Result result)
    {
        final Set<String> sides =
            new LinkedHashSet<>(List.of(Workload.OURS, Workload.PYTHON, Workload.AGRONA, Workload.CHRONICLE));
        sides.addAll(result.sides());
        return sides;
    }

    private interface SideValue
    {
        String of(String side);
    }

    private static void appendBySide(
        final StringBuilder out, final String key, final Result result, final SideValue value)
    {
        out.append(", ").append(quote(key)).append(": {");
        String separator = "";
        for (final String side : result.sides())
        {
            out.append(separator).append(quote(side)).append(": ").append(value.of(side));
            separator = ", ";
        }
        out.append('}');
    }

    String markdown()
    {
        final List<String> anchors = ANCHORS.stream()
            .filter(anchor -> results.stream().anyMatch(result -> result.has(anchor)))
            .toList();
        final StringBuilder out = new StringBuilder();
        out.append("# Side by side: multiprocessing4j, Python's multiprocessing")
            .append(anchors.isEmpty() ? "" : ", " + String.join(", ", anchors.stream().map(SIDE_LABELS::get).toList()))
            .append("\n\n")
            .append(String.format(Locale.ROOT, "Run %s by `%s` in %d min %d s: %s; Python %s; %s, %d cores. ",
                run.date(), run.command(), run.seconds() / 60, run.seconds() % 60, run.jdk(), run.python(),
                run.cpu(), run.cores()))
            .append("Each figure is the median of ").append(run.trials())
            .append(" trials (min and max are in side-by-side.json)")
            .append(0 == run.load() ? "" : ", each beside " + run.load() + " busy process" +
                (1 == run.load() ? "" : "es") + " on both sides")
            .append(". \"vs Python\" is how many times better ours is: ")
            .append("above 1 we win, below 1 Python wins.\n\n");
        out.append("| Workload | Unit | multiprocessing4j | Python |");
        anchors.forEach(anchor -> out.append(' ').append(SIDE_LABELS.get(anchor)).append(" |"));
        out.append(" vs Python |\n|---|---|---:|---:|");
        anchors.forEach(anchor -> out.append("---:|"));
        out.append("---:|\n");
        for (final Result result : results)
        {
            final Workload workload = result.workload();
            out.append("| ").append(workload.name()).append(" | ").append(workload.unit())
                .append(workload.higherIsBetter() ? ", higher is better" : ", lower is better")
                .append(" | ").append(figure(result.median(Workload.OURS)))
                .append(" | ").append(figure(result.median(Workload.PYTHON))).append(" |");
            for (final String anchor : anchors)
            {
                out.append(' ').append(result.has(anchor) ? figure(result.median(anchor)) : "—").append(" |");
            }
            final double ratio = result.vsPython(Workload.OURS);
            out.append(' ').append(ratio >= 1 ? "**" + ratio(ratio) + "**" : ratio(ratio) + " (Python wins)")
                .append(" |\n");
        }

        final List<Result> latencies = results.stream().filter(result -> result.hasPercentiles(Workload.OURS)).toList();
        if (!latencies.isEmpty())
        {
            out.append("\n## Latency percentiles, µs ")
                .append("(medians over the trials; ours and the anchors from HdrHistogram, Python exact)\n\n")
                .append("| Workload | Side | p50 | p99 | p99.9 |\n|---|---|---:|---:|---:|\n");
            for (final Result result : latencies)
            {
                for (final String side : result.sides())
                {
                    if (result.hasPercentiles(side))
                    {
                        final Trial.Percentiles p = result.percentiles(side);
                        out.append("| ").append(result.workload().name()).append(" | ").append(SIDE_LABELS.get(side))
                            .append(" | ").append(figure(p.p50())).append(" | ").append(figure(p.p99()))
                            .append(" | ").append(figure(p.p999())).append(" |\n");
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * @return three significant digits, with k and M for thousands and millions.
     */
    static String figure(final double value)
    {
        final double magnitude = Math.abs(value);
        if (magnitude >= 1e6)
        {
            return significant(value / 1e6) + "M";
        }
        if (magnitude >= 1e4)
        {
            return significant(value / 1e3) + "k";
        }
        return significant(value);
    }

    static String ratio(final double value)
    {
        return significant(value) + "×";
    }

    private static String significant(final double value)
    {
        final double magnitude = Math.abs(value);
        final int decimals = 0 == magnitude ? 0 : Math.max(0, 2 - (int)Math.floor(Math.log10(magnitude)));
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String number(final double value)
    {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "null";
    }

    private static String quote(final String text)
    {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
