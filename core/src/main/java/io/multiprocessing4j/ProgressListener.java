package io.multiprocessing4j;

/**
 * Told how far a pool call has got, once when registered ({@link AsyncResult#onProgress}) and after each
 * completed chunk: enough to drive a progress bar. Called in the thread that collects results (the pool's
 * result thread, or a thread waiting for a result), one call at a time; it should return quickly.
 */
@FunctionalInterface
public interface ProgressListener
{
    /**
     * @param done  arguments whose results are in.
     * @param total arguments in the call.
     */
    void progress(long done, long total);
}
