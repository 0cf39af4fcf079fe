package io.multiprocessing4j.samples.seed003;

import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SimpleQueue;
import io.multiprocessing4j.shm.ShmContext;

/**
 * Seed 003, a {@code Process} subclass: {@code CalculateE.run()} sums the series for e in a child JVM until
 * the parent sets its exit event, then puts its value in a {@code SimpleQueue}, which {@link #get()} reads.
 * Its fields (the event, the queue) travel with the object. The main program sleeps 3 seconds (or the
 * seconds given) while the child works.
 */
public final class CalculateE extends JvmProcess
{
    private static final long serialVersionUID = 1L;

    final SharedEvent exitEvent;
    private final SimpleQueue<Double> resultQueue;
    private transient Double result;

    CalculateE(final SharedEvent exitEvent, final SimpleQueue<Double> resultQueue)
    {
        super("calculate_e_process");
        this.exitEvent = exitEvent;
        this.resultQueue = resultQueue;
    }

    public void run()
    {
        try
        {
            resultQueue.put(calculateE(exitEvent));   // return the value in the queue
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The seed's {@code get()}: the value the process put in its queue (blocks until then).
     */
    double get() throws InterruptedException
    {
        if (null == result)
        {
            result = resultQueue.get();
        }
        return result;
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
             SimpleQueue<Double> resultQueue = SimpleQueue.create(context))
        {
            final CalculateE eProcess = new CalculateE(exitEvent, resultQueue);
            eProcess.start();
            Thread.sleep((long)(sleepSeconds * 1_000));   // do other useful stuff ...
            eProcess.exitEvent.set();                      // tell process to stop
            System.out.println(eProcess.get());            // print e
            eProcess.join();
        }
    }
}
