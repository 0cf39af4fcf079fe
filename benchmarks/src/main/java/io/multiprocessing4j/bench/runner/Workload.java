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

    String OURS = "ours";
    String AGRONA = "agrona";

    /**
     * @param mode {@link #OURS} (through multiprocessing4j) or {@link #AGRONA} (through raw Agrona buffers).
     * @return one trial's figure.
     */
    double trial(String mode) throws Exception;

    /**
     * @return false where raw Agrona does not apply; its figure is then reported as null.
     */
    default boolean hasAgrona()
    {
        return true;
    }

    /**
     * @return the Python script and its arguments; it prints one {@code trial <figure>} line per trial.
     */
    List<String> pythonCommand(int trials);
}
