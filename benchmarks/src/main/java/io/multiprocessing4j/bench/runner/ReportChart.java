package io.multiprocessing4j.bench.runner;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws a run's ratios against Python (ours, and each anchor's where it has one) as bars on a log scale, with
 * XChart, headless.
 */
final class ReportChart
{
    private static final int WIDTH = 1400;
    private static final int HEIGHT = 800;

    private ReportChart()
    {
    }

    static void write(final List<Result> results, final Report.Run run, final Path png) throws IOException
    {
        System.setProperty("java.awt.headless", "true");
        final CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
            .title("Times better than Python's multiprocessing (log scale; above 1 = faster than Python) — " +
                run.cores() + " cores, " + run.date().substring(0, 10))
            .yAxisTitle("ratio vs Python")
            .build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisLabelRotation(60);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setOverlapped(false);
        chart.getStyler().setAvailableSpaceFill(0.8);

        final List<String> names = results.stream().map(result -> result.workload().name()).toList();
        final List<String> sides = new ArrayList<>(List.of(Workload.OURS));
        sides.addAll(Report.ANCHORS);
        sides.removeIf(side -> results.stream().noneMatch(result -> result.has(side)));
        // XChart's log axis takes no empty bar: a side a workload lacks gets a bar of the axis's floor, invisible.
        final double lowest = sides.stream().flatMap(side -> results.stream().filter(result -> result.has(side))
            .map(result -> result.vsPython(side))).min(Double::compare).orElse(1.0);
        final double floor = Math.pow(10, Math.floor(Math.log10(lowest)));
        chart.getStyler().setYAxisMin(floor);
        for (final String side : sides)
        {
            final List<Double> ratios = results.stream()
                .map(result -> result.has(side) ? result.vsPython(side) : floor)
                .toList();
            chart.addSeries(Report.SIDE_LABELS.get(side), names, ratios);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
