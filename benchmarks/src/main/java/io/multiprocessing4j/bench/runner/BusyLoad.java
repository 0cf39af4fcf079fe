package io.multiprocessing4j.bench.runner;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Other work on the machine, for the loaded rows: {@code n} {@code python3} processes that spin on the CPU until they
 * are closed, or for {@value #BOUND_S} s at most should the runner die first. Both sides of a workload run while the
 * same load runs. Not thread-safe; close it once.
 */
final class BusyLoad implements AutoCloseable
{
    static final int BOUND_S = 1_800;
    private static final String SPIN = "import time\nend = time.monotonic() + " + BOUND_S + "\n" +
        "while time.monotonic() < end:\n    pass\n";

    private final List<Process> spinners = new ArrayList<>();

    private BusyLoad()
    {
    }

    /**
     * @param n how many spinning processes; 0 for none.
     */
    static BusyLoad start(final int n) throws IOException
    {
        final BusyLoad load = new BusyLoad();
        try
        {
            for (int i = 0; i < n; i++)
            {
                load.spinners.add(new ProcessBuilder("python3", "-c", SPIN)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start());
            }
            return load;
        }
        catch (final IOException | RuntimeException ex)
        {
            load.close();
            throw ex;
        }
    }

    @Override
    public void close()
    {
        spinners.forEach(Process::destroyForcibly);
        for (final Process spinner : spinners)
        {
            try
            {
                spinner.waitFor(10, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
