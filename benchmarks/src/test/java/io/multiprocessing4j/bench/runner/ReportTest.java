package io.multiprocessing4j.bench.runner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTest
{
    private record FixedWorkload(String name, boolean higherIsBetter) implements Workload
    {
        public String unit()
        {
            return higherIsBetter ? "items per s" : "us per round trip (p50)";
        }

        public Trial trial(final String mode)
        {
            throw new UnsupportedOperationException("figures are given");
        }

        public List<String> pythonCommand(final int trials)
        {
            return List.of();
        }
    }

    @Test
    void aTrialLineReadsBackWhatItWrote()
    {
        final Trial latency = Trial.parse("trial 44.1 percentiles 44.1 60.25 120.5");
        assertEquals(44.1, latency.figure());
        assertEquals(new Trial.Percentiles(44.1, 60.25, 120.5), latency.percentiles());
        assertEquals(latency, Trial.parse(latency.toLine()));

        final Trial plain = Trial.parse("trial 312659.7");
        assertNull(plain.percentiles());
        assertEquals(plain, Trial.parse(plain.toLine()));

        final IllegalArgumentException garbage = assertThrows(IllegalArgumentException.class,
            () -> Trial.parse("trial 1 2"));
        assertTrue(garbage.getMessage().contains("'trial 1 2'"), garbage.getMessage());
    }

    @Test
    void latencyPercentilesComeFromTheTimedRoundTripsOnly()
    {
        final long[] nanos = new long[2_000];
        for (int i = 0; i < 1_000; i++)
        {
            nanos[i] = 1_000_000_000L;
            nanos[1_000 + i] = (i + 1) * 1_000L;
        }
        final Trial trial = Trial.ofLatencies(nanos, 1_000);
        assertEquals(500, trial.percentiles().p50(), 0.5);
        assertEquals(990, trial.percentiles().p99(), 1);
        assertEquals(999, trial.percentiles().p999(), 1);
        assertEquals(trial.percentiles().p50(), trial.figure());
    }

    @Test
    void mediansMinimaMaximaAndRatiosFollowWhichWayIsBetter()
    {
        final Result latency = new Result(new FixedWorkload("pingpong", false))
            .add(Workload.OURS, List.of(Trial.of(2), Trial.of(1), Trial.of(9)))
            .add(Workload.PYTHON, List.of(Trial.of(40), Trial.of(50)));
        assertEquals(2, latency.median(Workload.OURS));
        assertEquals(1, latency.min(Workload.OURS));
        assertEquals(9, latency.max(Workload.OURS));
        assertEquals(45, latency.median(Workload.PYTHON));
        assertEquals(22.5, latency.vsPython(Workload.OURS));

        final Result throughput = new Result(new FixedWorkload("queue", true))
            .add(Workload.OURS, List.of(Trial.of(100)))
            .add(Workload.PYTHON, List.of(Trial.of(400)));
        assertEquals(0.25, throughput.vsPython(Workload.OURS));

        assertThrows(IllegalArgumentException.class, () -> throughput.median(Workload.CHRONICLE));
        assertThrows(IllegalArgumentException.class, () -> throughput.add(Workload.AGRONA, List.of()));
    }

    @Test
    void writesJsonMarkdownAndPngWithEverySideAndAnHonestLoss(@TempDir final Path directory) throws Exception
    {
        final Result win = new Result(new FixedWorkload("pipe-pingpong", false))
            .add(Workload.OURS, List.of(Trial.parse("trial 0.25 percentiles 0.25 2.0 6.5")))
            .add(Workload.PYTHON, List.of(Trial.parse("trial 50 percentiles 50 70 90")))
            .add(Workload.AGRONA, List.of(Trial.parse("trial 0.2 percentiles 0.2 1.6 2.5")))
            .add(Workload.CHRONICLE, List.of(Trial.parse("trial 1.0 percentiles 1.0 2.8 7.0")));
        final Result loss = new Result(new FixedWorkload("process-start", false))
            .add(Workload.OURS, List.of(Trial.of(50)))
            .add(Workload.PYTHON, List.of(Trial.of(40)))
            .add(ProcessStartJoinWorkload.BARE_JVM, List.of(Trial.of(45)));
        final Report.Run run = new Report.Run("2026-11-23T22:00:00Z", "JDK", "3.11.7", "CPU", 2, 1, 1,
            "benchmarks/side-by-side.sh --load 1", 61);

        final List<Path> written = new Report(run, List.of(win, loss)).write(directory);

        final String json = Files.readString(written.get(0));
        assertTrue(json.contains("\"date\": \"2026-11-23T22:00:00Z\"") && json.contains("\"cpu\": \"CPU\"") &&
            json.contains("\"cores\": 2") && json.contains("\"load\": 1,"), json);
        assertTrue(json.contains("\"workload\": \"pipe-pingpong\", \"unit\": \"us per round trip (p50)\", " +
            "\"better\": \"lower\", \"load\": 1, \"ours\": 0.2500, \"python\": 50.0000, \"agrona\": 0.2000, " +
            "\"chronicle\": 1.0000, " +
            "\"vs_python\": 200.0000"), json);
        assertTrue(json.contains("\"chronicle\": {\"p50\": 1.0000, \"p99\": 2.8000, \"p99.9\": 7.0000}"), json);
        assertTrue(json.contains(
            "\"agrona\": null, \"chronicle\": null, \"bare_java\": 45.0000, " +
            "\"vs_python\": 0.8000"), json);
        assertEquals(json.chars().filter(c -> '{' == c).count(), json.chars().filter(c -> '}' == c).count());

        final String markdown = Files.readString(written.get(1));
        assertTrue(markdown.contains(
            "| pipe-pingpong | us per round trip (p50), lower is better | 0.250 | 50.0 | 0.200 | 1.00 | — | " +
            "**200×** |"), markdown);
        assertTrue(markdown.contains(
            "| process-start | us per round trip (p50), lower is better | 50.0 | 40.0 | — | — | 45.0 | " +
            "0.800× (Python wins) |"), markdown);
        assertTrue(markdown.contains("| pipe-pingpong | Chronicle Queue | 1.00 | 2.80 | 7.00 |"), markdown);
        assertTrue(markdown.contains("in 1 min 1 s") && markdown.contains("each beside 1 busy process on both sides"),
            markdown);

        final byte[] png = Files.readAllBytes(written.get(2));
        assertArrayEquals(new byte[] {(byte)0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
    }

    @Test
    void figuresKeepThreeSignificantDigits()
    {
        assertEquals("44.4M", Report.figure(44_413_094.7));
        assertEquals("320k", Report.figure(319_863.8));
        assertEquals("215", Report.figure(214.666));
        assertEquals("8.39", Report.figure(8.389));
        assertEquals("0.0450", Report.figure(0.045));
        assertEquals("0", Report.figure(0));
    }
}
