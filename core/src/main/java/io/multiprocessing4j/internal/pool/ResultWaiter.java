package io.multiprocessing4j.internal.pool;

import java.util.function.BooleanSupplier;

/**
 * Waits for a pool's results the way the {@link ResultCollector} lets a caller: by reading them itself.
 */
@FunctionalInterface
public interface ResultWaiter
{
    /**
     * @param timeoutNanos how long to wait; {@code Long.MAX_VALUE} for as long as it takes.
     * @return whether {@code done} held in time.
     */
    boolean awaitDone(BooleanSupplier done, long timeoutNanos) throws InterruptedException;
}
