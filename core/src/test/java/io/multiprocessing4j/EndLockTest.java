package io.multiprocessing4j;

import io.multiprocessing4j.shm.IdlePolicy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link EndLock}: mutual exclusion, the memory it publishes to the next holder, waiting, interruption and a
 * reentrant call.
 */
final class EndLockTest
{
    private static final long TIMEOUT_S = 60;

    private long unguarded;

    @Test
    void threadsThatTakeItInTurnLoseNoUpdateOfAPlainField() throws Exception
    {
        final EndLock lock = new EndLock("send");
        final int threads = 4;
        final int rounds = 200_000;
        final CountDownLatch start = new CountDownLatch(1);
        final List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++)
        {
            workers.add(CompletableFuture.runAsync(() ->
            {
                try
                {
                    assertTrue(start.await(TIMEOUT_S, TimeUnit.SECONDS));
                    for (int i = 0; i < rounds; i++)
                    {
                        lock.lockInterruptibly(IdlePolicy.DEFAULT);
                        try
                        {
                            unguarded++;
                        }
                        finally
                        {
                            lock.unlock();
                        }
                    }
                }
                catch (final InterruptedException ex)
                {
                    throw new IllegalStateException(ex);
                }
            }, runnable -> new Thread(runnable).start()));
        }
        start.countDown();
        for (final CompletableFuture<Void> worker : workers)
        {
            worker.get(TIMEOUT_S, TimeUnit.SECONDS);
        }
        assertEquals((long)threads * rounds, unguarded);
    }

    @Test
    void aWaiterParkedBehindTheHolderGetsItSoonAfterItIsGivenBack() throws Exception
    {
        final EndLock lock = new EndLock("receive");
        lock.lockInterruptibly(IdlePolicy.DEFAULT);
        final CompletableFuture<Long> waiter = CompletableFuture.supplyAsync(() ->
        {
            try
            {
                lock.lockInterruptibly(IdlePolicy.DEFAULT);
                final long takenAt = System.nanoTime();
                lock.unlock();
                return takenAt;
            }
            catch (final InterruptedException ex)
            {
                throw new IllegalStateException(ex);
            }
        }, runnable -> new Thread(runnable).start());
        Thread.sleep(200); // the waiter has spun, yielded and parked by now
        assertFalse(waiter.isDone(), "the waiter waits while the lock is held");
        final long givenBackAt = System.nanoTime();
        lock.unlock();
        final long waitedMs = TimeUnit.NANOSECONDS.toMillis(waiter.get(TIMEOUT_S, TimeUnit.SECONDS) - givenBackAt);
        assertTrue(waitedMs < 100, "took it " + waitedMs + " ms after it was given back");
    }

    @Test
    void aWaiterInterruptedGivesUpWithoutTheLockAndAReentrantCallThrows() throws Exception
    {
        final EndLock lock = new EndLock("send");
        lock.lockInterruptibly(IdlePolicy.DEFAULT);
        final IllegalStateException reentrant =
            assertThrows(IllegalStateException.class, () -> lock.lockInterruptibly(IdlePolicy.DEFAULT));
        assertTrue(reentrant.getMessage().contains("send"), reentrant.getMessage());

        final CountDownLatch waiting = new CountDownLatch(1);
        final Thread[] waiterThread = new Thread[1];
        final CompletableFuture<Void> waiter = CompletableFuture.runAsync(() ->
        {
            waiterThread[0] = Thread.currentThread();
            waiting.countDown();
            try
            {
                lock.lockInterruptibly(IdlePolicy.DEFAULT);
            }
            catch (final InterruptedException ex)
            {
                throw new IllegalStateException(ex);
            }
        }, runnable -> new Thread(runnable).start());
        assertTrue(waiting.await(TIMEOUT_S, TimeUnit.SECONDS));
        Thread.sleep(50);
        waiterThread[0].interrupt();
        final ExecutionException failed =
            assertThrows(ExecutionException.class, () -> waiter.get(TIMEOUT_S, TimeUnit.SECONDS));
        assertInstanceOf(InterruptedException.class, failed.getCause().getCause());

        lock.unlock();
        final CompletableFuture<Void> next = CompletableFuture.runAsync(() ->
        {
            try
            {
                lock.lockInterruptibly(IdlePolicy.DEFAULT);
                lock.unlock();
            }
            catch (final InterruptedException ex)
            {
                throw new IllegalStateException(ex);
            }
        }, runnable -> new Thread(runnable).start());
        next.get(TIMEOUT_S, TimeUnit.SECONDS); // the interrupted waiter left nothing behind that blocks the next
    }
}
