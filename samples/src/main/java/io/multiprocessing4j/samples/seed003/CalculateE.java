package io.multiprocessing4j.samples.seed003;

import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedDouble;
import io.multiprocessing4j.shm.value.SharedInt;

/**
 * Seed 003, a {@code Process} subclass: {@code CalculateE.run()} sums the series for e in a child JVM until
 * the parent tells it to stop, then hands back its value. The seed stops it with an {@code Event} and
 * returns the value through a {@code SimpleQueue}; until those exist (sync and queue issues) this twin uses a
 * shared int as the flag and a shared double for the result. Its fields (the flag, the result) travel with
 * the object. The main program sleeps 3 seconds (or the seconds given) while the child works.
 */
public final class CalculateE extends JvmProcess
{
    private static final long serialVersionUID = 1L;

    private final SharedInt exitFlag;
    private final SharedDouble result;

    CalculateE(final SharedInt exitFlag, final SharedDouble result)
    {
        super("calculate_e_process");
        this.exitFlag = exitFlag;
        this.result = result;
    }

    public void run()
    {
        result.set(calculateE(exitFlag));
    }

    /**
     * The seed's {@code get()}: waits for the process, then returns its value.
     */
    double get() throws InterruptedException
    {
        join();
        return result.get();
    }

    static double calculateE(final SharedInt exitFlag)
    {
        double k = 1.0;
        double eValue = 0.0;
        long iteration = 0;
        while (iteration % 1000 != 0 || 0 == exitFlag.get())
        {
            eValue += 1.0 / k;
            k *= iteration + 1;
            iteration += 1;
        }
        return eValue;
    }

    public static void main(final String[] args) throws Exception
    {
        final double sleepSeconds = args.length > 0 ? Double.parseDouble(args[0]) : 3.0;
        try (ShmContext context = ShmContext.create();
             SharedInt exitEvent = SharedInt.create(context, 0);
             SharedDouble value = SharedDouble.create(context, 0.0))
        {
            final CalculateE eProcess = new CalculateE(exitEvent, value);
            eProcess.start();
            Thread.sleep((long)(sleepSeconds * 1_000));
            exitEvent.set(1);
            System.out.println(eProcess.get());
        }
    }
}
