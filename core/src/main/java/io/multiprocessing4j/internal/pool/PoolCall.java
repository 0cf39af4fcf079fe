package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.ProgressListener;

/**
 * What an {@code AsyncResult} may ask of the pool call behind it. Thread-safe.
 */
public interface PoolCall
{
    /**
     * Registers a listener told how many arguments are done, now and after each completed chunk; replaces the
     * one before.
     */
    void onProgress(ProgressListener listener);

    /**
     * Cancels the call and withdraws its tasks no worker has begun.
     *
     * @return whether this cancelled it.
     */
    boolean cancel(boolean mayInterruptIfRunning);
}
