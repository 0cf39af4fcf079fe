package io.multiprocessing4j.samples.seed001;

import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.ProcessInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * Seed 001, "Identifying Processes": each worker prints {@code current_process()}'s name and pid with its
 * value. The seed maps {@code worker} over a {@code Pool}; until the pool exists this twin starts one
 * process per value for a few values.
 * <pre>
 * def worker(x):
 *     process = current_process()
 *     print(f"Process Name: {process.name}, Process ID: {process.pid}, Value: {x}")
 * </pre>
 */
public final class CurrentProcessName
{
    private CurrentProcessName()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final List<JvmProcess> workers = new ArrayList<>();
        for (int x = 0; x < 4; x++)
        {
            final int value = x;
            workers.add(new JvmProcess(() -> worker(value)).start());
        }
        for (final JvmProcess worker : workers)
        {
            worker.join();
        }
    }

    static int worker(final int x)
    {
        final ProcessInfo process = Multiprocessing.currentProcess();
        System.out.println("Process Name: " + process.name() + ", Process ID: " + process.pid() + ", Value: " + x);
        return x * x;
    }
}
