package io.multiprocessing4j.samples.seed000;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.Pool;

import java.time.Duration;

/**
 * Seed 000's pool example:
 * <pre>
 * with Pool(processes=4) as pool:
 *     res = pool.apply_async(f, [10])
 *     print(res.get(timeout=1))
 * pool.close()
 * pool.join()
 * </pre>
 * Java's {@code close()} is Python's {@code close()} then {@code join()}: no more tasks, wait for those
 * submitted, stop the workers.
 */
public final class ApplyAsyncCloseJoin
{
    private ApplyAsyncCloseJoin()
    {
    }

    static int f(final int x)
    {
        return x * x;
    }

    public static void main(final String[] args) throws Exception
    {
        final Pool pool = Pool.create(4);
        final AsyncResult<Integer> res = pool.applyAsync(ApplyAsyncCloseJoin::f, 10);
        System.out.println(res.get(Duration.ofSeconds(1)));
        pool.close();
        System.out.println("closed and joined: " + pool.isTerminated());
    }
}
