package io.multiprocessing4j.bench.runner;

import java.util.List;

/**
 * One side-by-side measurement: the same work done through multiprocessing4j, through Python's
 * multiprocessing (a script under {@code benchmarks/python/}) and, where it applies, through raw Agrona.
 */
interface Workload
{
    String name();

    String unit();

    boolean higherIsBetter();

    /**
     * @return one trial's figure through multiprocessing4j.
     */
    double oursTrial() throws Exception;

    /**
     * @return one trial's figure through raw Agrona buffers, or null where raw Agrona does not apply.
     */
    Double agronaTrial() throws Exception;

    /**
     * @return the Python script and its arguments; it prints one {@code trial <figure>} line per trial.
     */
    List<String> pythonCommand(int trials);
}
