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
     * @return what the third figure measures: {@value #AGRONA} (raw Agrona buffers) unless a workload names
     * another reference point, such as a bare JVM start.
     */
    default String anchor()
    {
        return AGRONA;
    }

    /**
     * @param mode {@link #OURS} (through multiprocessing4j) or {@link #AGRONA} (the {@link #anchor()}).
     * @return one trial's figure.
     */
    double trial(String mode) throws Exception;

    /**
     * @return false where no anchor applies; its figure is then reported as null.
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
