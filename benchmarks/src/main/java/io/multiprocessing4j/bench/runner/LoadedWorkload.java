package io.multiprocessing4j.bench.runner;

import java.util.List;

/**
 * A workload run while {@link BusyLoad} spins on {@code load} other processes: a row of its own,
 * {@code <workload>-load<N>}, beside the quiet one.
 *
 * @param workload the workload.
 * @param load     how many busy processes run beside each of its trials.
 */
record LoadedWorkload(Workload workload, int load) implements Workload
{
    public String name()
    {
        return workload.name() + "-load" + load;
    }

    public String unit()
    {
        return workload.unit() + ", with " + load + " busy process" + (1 == load ? "" : "es") + " beside it";
    }

    public boolean higherIsBetter()
    {
        return workload.higherIsBetter();
    }

    public List<String> anchors()
    {
        return workload.anchors();
    }

    public Trial trial(final String mode) throws Exception
    {
        return workload.trial(mode);
    }

    public List<String> pythonCommand(final int trials)
    {
        return workload.pythonCommand(trials);
    }
}
