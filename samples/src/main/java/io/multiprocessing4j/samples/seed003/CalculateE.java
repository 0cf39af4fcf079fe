package io.multiprocessing4j.samples.seed003;

import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedDouble;

/**
 * Seed 003, a {@code Process} subclass: {@code CalculateE.run()} sums the series for e in a child JVM until
 * the parent sets its exit event, then hands back its value. The seed returns the value through a
 * {@code SimpleQueue}; until queues exist this twin uses a shared double. Its fields (the event, the result)
 * travel with the object. The main program sleeps 3 seconds (or the seconds given) while the child works.
 */
public final class CalculateE extends JvmProcess
{
    private static final long serialVersionUID = 1L;

    final SharedEvent exitEvent;
    private final SharedDouble result;

    CalculateE(final SharedEvent exitEvent, final SharedDouble result)
    {
        super("calculate_e_process");
        this.exitEvent = exitEvent;
        this.result = result;
    }

    public void run()
    {
        result.set(calculateE(exitEvent));
    }

    /**
     * The seed's {@code get()}: waits for the process, then returns its value.
     */
    double get() throws InterruptedException
    {
        join();
        return result.get();
    }

    static double calculateE(final SharedEvent exitEvent)
    {
        double k = 1.0;
        double eValue = 0.0;
        long iteration = 0;
        while (iteration % 1000 != 0 || !exitEvent.isSet())
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
             SharedEvent exitEvent = SharedEvent.create(context);
             SharedDouble value = SharedDouble.create(context, 0.0))
        {
            final CalculateE eProcess = new CalculateE(exitEvent, value);
            eProcess.start();
            Thread.sleep((long)(sleepSeconds * 1_000));   // do other useful stuff ...
            eProcess.exitEvent.set();                      // tell process to stop
            System.out.println(eProcess.get());            // print e
        }
    }
}
