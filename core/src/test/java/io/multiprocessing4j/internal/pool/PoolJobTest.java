package io.multiprocessing4j.internal.pool;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How a job assembles its tasks' results, tells progress and callbacks, and withdraws on failure: no worker,
 * no pool, chunks completed here in any order.
 */
@Timeout(30)
class PoolJobTest
{
    private static final ResultWaiter NO_WAIT = (done, timeout) -> done.getAsBoolean();

    private final AtomicInteger withdrawn = new AtomicInteger();

    private static PoolTask chunk(final PoolJob job, final int offset, final int count)
    {
        return new PoolTask(new byte[16], 0, new byte[8], job, offset, count);
    }

    @Test
    void chunksCompletedOutOfOrderMakeOneListInArgumentOrder() throws Exception
    {
        final List<List<Object>> called = new ArrayList<>();
        final PoolJob job = new PoolJob(NO_WAIT, 5, true, called::add, null, ignored -> withdrawn.incrementAndGet());
        job.complete(chunk(job, 3, 2), new int[] {30, 40});
        assertFalse(job.isDone());
        job.complete(chunk(job, 0, 3), new int[] {0, 10, 20});
        assertEquals(List.of(0, 10, 20, 30, 40), job.future().get(1, TimeUnit.SECONDS));
        assertEquals(1, called.size(), "the callback, once");
        assertEquals(0, withdrawn.get());
    }

    @Test
    void aChunkOfObjectsAfterPrimitiveOnesBoxesTheWhole() throws Exception
    {
        final PoolJob job = new PoolJob(NO_WAIT, 4, true, null, null, ignored -> withdrawn.incrementAndGet());
        job.complete(chunk(job, 0, 2), new long[] {1, 2});
        job.complete(chunk(job, 2, 2), Arrays.asList("three", null));
        assertEquals(Arrays.asList(1L, 2L, "three", null), job.future().get(1, TimeUnit.SECONDS));
    }

    @Test
    void progressIsToldMonotonicallyAndANewListenerHearsWhereTheJobStands()
    {
        final PoolJob job = new PoolJob(NO_WAIT, 6, true, null, null, ignored -> withdrawn.incrementAndGet());
        final List<Long> first = new ArrayList<>();
        job.onProgress((done, total) -> first.add(done));
        job.complete(chunk(job, 0, 2), new int[] {0, 1});
        job.complete(chunk(job, 2, 2), new int[] {2, 3});
        final List<Long> second = new ArrayList<>();
        job.onProgress((done, total) -> second.add(done));
        job.complete(chunk(job, 4, 2), new int[] {4, 5});
        assertEquals(List.of(0L, 2L, 4L), first);
        assertEquals(List.of(4L, 6L), second);
    }

    @Test
    void aFailureFailsOnceWithdrawsOnceAndLaterResultsAreIgnored()
    {
        final List<Throwable> errors = new ArrayList<>();
        final PoolJob job = new PoolJob(NO_WAIT, 4, true, null, errors::add, ignored -> withdrawn.incrementAndGet());
        final IllegalStateException boom = new IllegalStateException("boom");
        job.fail(boom);
        job.fail(new IllegalStateException("second"));
        job.complete(chunk(job, 0, 4), new int[] {1, 2, 3, 4});
        final ExecutionException failed =
            assertThrows(ExecutionException.class, () -> job.future().get(1, TimeUnit.SECONDS));
        assertSame(boom, failed.getCause());
        assertEquals(List.of(boom), errors);
        assertEquals(1, withdrawn.get());
    }

    @Test
    void cancelWithdrawsAndAnEmptyJobIsDoneAtOnce() throws Exception
    {
        final PoolJob job = new PoolJob(NO_WAIT, 2, true, null, null, ignored -> withdrawn.incrementAndGet());
        assertTrue(job.cancel(true));
        job.cancel(true);
        assertThrows(CancellationException.class, () -> job.future().get(1, TimeUnit.SECONDS));
        assertEquals(1, withdrawn.get(), "withdrawn once");

        final PoolJob empty = new PoolJob(NO_WAIT, 0, true, null, null, ignored -> withdrawn.incrementAndGet());
        assertEquals(List.of(), empty.future().get(1, TimeUnit.SECONDS));
    }
}
