package io.multiprocessing4j.samples.seed001;

import io.multiprocessing4j.JvmProcess;

/**
 * Seed 001, two processes running {@code countdown} concurrently; the main program waits for both.
 * <pre>
 * p1 = Process(target=countdown, args=(5,))
 * p2 = Process(target=countdown, args=(10,))
 * </pre>
 * An optional argument sets the seconds per step (1 by default).
 */
public final class Countdown
{
    private Countdown()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final double secondsPerStep = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        final JvmProcess p1 = new JvmProcess(() -> countdown(5, secondsPerStep));
        final JvmProcess p2 = new JvmProcess(() -> countdown(10, secondsPerStep));

        p1.start();
        p2.start();

        p1.join();
        p2.join();

        System.out.println("Both processes completed!");
    }

    static void countdown(final int from, final double secondsPerStep)
    {
        int n = from;
        while (n > 0)
        {
            System.out.println(n + " seconds remaining");
            n -= 1;
            try
            {
                Thread.sleep((long)(secondsPerStep * 1_000));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
