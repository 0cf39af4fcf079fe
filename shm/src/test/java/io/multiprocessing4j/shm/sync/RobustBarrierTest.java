package io.multiprocessing4j.shm.sync;

import io.multiprocessing4j.shm.MappedRegion;
import io.multiprocessing4j.shm.RegionType;
import io.multiprocessing4j.shm.ShmContext;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The robust barrier's state machine in one process; the multi-JVM behaviour is tested in core.
 */
final class RobustBarrierTest
{
    private static final long WAIT_NS = TimeUnit.SECONDS.toNanos(30);

    private ShmContext context;
    private ExecutorService threads;
    private UnsafeBuffer buffer;
    private int base;

    @BeforeEach
    void setUp()
    {
        context = ShmContext.create();
        threads = Executors.newCachedThreadPool();
        final MappedRegion region = context.newRegion(RegionType.SYNC, BarrierDescriptor.length(0));
        buffer = region.buffer();
        base = region.dataOffset();
    }

    @AfterEach
    void tearDown() throws InterruptedException
    {
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(30, TimeUnit.SECONDS), "test threads still use the ring");
        context.close();
    }

    @Test
    void aWaiterThatSleptThroughATripAndAResetLearnsItsOwnGenerationTripped() throws Exception
    {
        RobustBarrier.initialize(buffer, base, 2, BarrierDescriptor.NO_TIMEOUT);
        final RobustBarrier barrier = new RobustBarrier(buffer, base, context.processes());
        final int stateOffset = base + BarrierDescriptor.STATE_OFFSET;
        assertTrue(buffer.compareAndSetLong(stateOffset, BarrierDescriptor.state(0, false),
            BarrierDescriptor.state(0, false) + 1), "a first party arrives in generation 0");
        // generation 0 trips and a party arrives in generation 1, which is reset, while that first party slept
        buffer.putLongVolatile(base + BarrierDescriptor.OUTCOMES_OFFSET, -1L);
        buffer.putLongVolatile(stateOffset, BarrierDescriptor.state(1, false) + 1);
        barrier.reset();
        assertEquals(BarrierDescriptor.state(2, true), buffer.getLongVolatile(stateOffset));
        assertEquals(0, buffer.getLongVolatile(base + BarrierDescriptor.OUTCOMES_OFFSET) &
            BarrierDescriptor.outcomeBit(0), "generation 0 is recorded as tripped before generation 1 ends");
    }

    @Test
    void aResetGenerationIsRecordedAsBrokenForWaitersThatSleptThroughTheNextOne() throws Exception
    {
        RobustBarrier.initialize(buffer, base, 2, BarrierDescriptor.NO_TIMEOUT);
        final RobustBarrier barrier = new RobustBarrier(buffer, base, context.processes());
        final CompletableFuture<Integer> waiter = CompletableFuture.supplyAsync(() -> awaitQuietly(barrier), threads);
        while (barrier.waiting() < 1)
        {
            Thread.onSpinWait();
        }
        barrier.reset();
        final CompletionException failure = assertThrows(CompletionException.class, waiter::join);
        assertInstanceOf(BrokenBarrierException.class, failure.getCause().getCause());
        final int index = CompletableFuture.supplyAsync(() -> awaitQuietly(barrier), threads).thenCombine(
            CompletableFuture.supplyAsync(() -> awaitQuietly(barrier), threads), Integer::sum).join();
        assertEquals(1, index, "indices 0 and 1 in generation 1");
        assertTrue(0 != (buffer.getLongVolatile(base + BarrierDescriptor.OUTCOMES_OFFSET) &
            BarrierDescriptor.outcomeBit(0)), "generation 0 is recorded as broken");
    }

    @Test
    void aDeadWaitersCountBreaksTheBarrierOnce()
    {
        RobustBarrier.initialize(buffer, base, 3, BarrierDescriptor.NO_TIMEOUT);
        final RobustBarrier barrier = new RobustBarrier(buffer, base, context.processes());
        assertFalse(barrier.breakIfAWaiterDied());
        // a process in slot 200, now gone, was waiting
        buffer.putLongVolatile(base + BarrierDescriptor.WAITERS_OFFSET + ProcessCountWords.offset(200),
            ProcessCountWords.word(7, 1));
        assertTrue(barrier.breakIfAWaiterDied());
        assertTrue(barrier.isBroken());
        barrier.reset();
        assertFalse(barrier.breakIfAWaiterDied(), "its count was taken back once");
        assertFalse(barrier.isBroken());
    }

    @Test
    void aCorruptPartyCountIsRefused()
    {
        buffer.putLong(base + BarrierDescriptor.PARTIES_OFFSET, -5);
        final IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> new RobustBarrier(buffer, base, context.processes()));
        assertTrue(refused.getMessage().contains("-5 parties"), refused.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> RobustBarrier.initialize(buffer, base, 0, BarrierDescriptor.NO_TIMEOUT));
    }

    private static int awaitQuietly(final RobustBarrier barrier)
    {
        try
        {
            return barrier.await(System.nanoTime() + WAIT_NS, new BackoffIdleStrategy(), null);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
