package io.multiprocessing4j.bench.runner;

import java.util.List;

/**
 * One side-by-side measurement: the same work done through multiprocessing4j, through Python's
 * multiprocessing (a script under {@code benchmarks/python/}) and through the reference points that apply
 * (raw Agrona, Chronicle Queue, a bare JVM).
 */
interface Workload
{
    String OURS = "ours";
    String PYTHON = "python";
    String AGRONA = "agrona";
    String CHRONICLE = "chronicle";

    String name();

    String unit();

    boolean higherIsBetter();

    /**
     * @return how many busy processes ({@link BusyLoad}) run beside every trial of this workload, on both sides.
     */
    default int load()
    {
        return 0;
    }

    /**
     * @return the reference points this workload also runs, each a mode {@link #trial} accepts; by default
     * {@value #AGRONA} (raw Agrona buffers with nothing of ours in between).
     */
    default List<String> anchors()
    {
        return List.of(AGRONA);
    }

    /**
     * @param mode {@link #OURS} (through multiprocessing4j) or one of the {@link #anchors()}.
     * @return one trial's figure.
     */
    Trial trial(String mode) throws Exception;

    /**
     * @return the Python script and its arguments; it prints one {@link Trial} line per trial.
     */
    List<String> pythonCommand(int trials);
}
