package io.multiprocessing4j.internal.manager;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A manager's {@code Barrier}. Thread-safe.
 */
public final class ServerBarrier
{
    private final CyclicBarrier barrier;

    public ServerBarrier(final int parties)
    {
        barrier = new CyclicBarrier(parties);
    }

    public int await(final long timeoutMs) throws InterruptedException, BrokenBarrierException, TimeoutException
    {
        return barrier.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    public void reset()
    {
        barrier.reset();
    }

    public boolean isBroken()
    {
        return barrier.isBroken();
    }

    public int parties()
    {
        return barrier.getParties();
    }

    public int numberWaiting()
    {
        return barrier.getNumberWaiting();
    }
}
