package io.multiprocessing4j.internal.process;

/**
 * Keeps this JVM running while a non-daemon child process lives, as Python joins its non-daemon children
 * before it exits: one non-daemon thread for all of them, which lingers {@value #LINGER_MS} ms after the
 * last one ends so that a loop of short-lived children does not start a thread per child. Thread-safe.
 */
public final class NonDaemonKeeper
{
    static final long LINGER_MS = 20;

    private static int live;
    private static boolean keeping;

    private NonDaemonKeeper()
    {
    }

    public static synchronized void acquire()
    {
        live++;
        if (!keeping)
        {
            keeping = true;
            final Thread keeper = new Thread(NonDaemonKeeper::keep, "mp4j-non-daemon-children");
            keeper.start();
        }
    }

    public static synchronized void release()
    {
        if (--live == 0)
        {
            NonDaemonKeeper.class.notifyAll();
        }
    }

    private static synchronized void keep()
    {
        try
        {
            while (true)
            {
                while (live > 0)
                {
                    NonDaemonKeeper.class.wait();
                }
                NonDaemonKeeper.class.wait(LINGER_MS);
                if (0 == live)
                {
                    return;
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        finally
        {
            keeping = false;
        }
    }
}
