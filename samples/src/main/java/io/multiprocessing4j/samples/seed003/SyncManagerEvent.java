package io.multiprocessing4j.samples.seed003;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.manager.ManagedEvent;
import io.multiprocessing4j.manager.Manager;

/**
 * Seed 003, a {@code SyncManager} event in a pool: a pool task sums the series for e until the manager's
 * event is set (a pool task cannot take a plain event in Python; any shared object works here, and so does
 * a manager's). The main program sleeps 3 seconds (or the seconds given) while the task works.
 * <pre>
 * sync_manager = SyncManager()
 * sync_manager.start()
 * with Pool() as pool:
 *     e_exit_event = sync_manager.Event()
 *     e_proc = pool.apply_async(calculate_e, args=(e_exit_event,))
 *     time.sleep(3)
 *     e_exit_event.set()
 *     print(e_proc.get())
 * </pre>
 */
public final class SyncManagerEvent
{
    private SyncManagerEvent()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final double sleepSeconds = args.length > 0 ? Double.parseDouble(args[0]) : 3.0;
        try (Manager syncManager = Manager.start();
             Pool pool = Pool.create())
        {
            // for pool, use Event from the manager
            final ManagedEvent eExitEvent = syncManager.event();
            // same "e" calculation as before, Pool() manages return data
            final AsyncResult<Double> eProc = pool.applyAsync(SyncManagerEvent::calculateE, eExitEvent);
            Thread.sleep((long)(sleepSeconds * 1_000));   // do other stuff
            eExitEvent.set();                              // tell calculate_e to stop
            System.out.println(eProc.get());
        }
    }

    static double calculateE(final ManagedEvent exitEvent)
    {
        double k = 1.0;
        double eValue = 0.0;
        long iteration = 0;
        while (iteration % 100_000 != 0 || !exitEvent.isSet())
        {
            eValue += 1.0 / k;
            k *= iteration + 1;
            iteration += 1;
        }
        return eValue;
    }
}
