package io.multiprocessing4j.shm.ring;

import io.multiprocessing4j.shm.IdlePolicy;
import io.multiprocessing4j.shm.MappedFiles;
import io.multiprocessing4j.shm.sync.RobustLockWord;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;

/**
 * The waiting of one blocking ring call, made when it first has to wait: its deadline, its idle strategy,
 * and when next to look for dead peers and check that the ring's file has not shrunk (every
 * {@value RobustLockWord#LIVENESS_CHECK_INTERVAL_NS} ns, {@link MappedFiles}). One per call; not thread-safe.
 */
final class RingWait
{
    private final DirectBuffer buffer;
    private final long deadlineNanos;
    private final IdlePolicy idlePolicy;
    private final String waitingFor;
    private IdleStrategy idle;
    private long nextLivenessCheck;
    private long nextIntegrityCheck;
    private long suspect;
    private long suspectSince;

    /**
     * @param idlePolicy how to wait, or {@code null} not to wait at all.
     * @param waitingFor what the call waits for, for the message of an interrupt.
     */
    RingWait(final DirectBuffer buffer, final long deadlineNanos, final IdlePolicy idlePolicy, final String waitingFor)
    {
        this.buffer = buffer;
        this.deadlineNanos = deadlineNanos;
        this.idlePolicy = idlePolicy;
        this.waitingFor = waitingFor;
        nextLivenessCheck = System.nanoTime() + RobustLockWord.LIVENESS_CHECK_INTERVAL_NS;
        nextIntegrityCheck = nextLivenessCheck;
    }

    /**
     * @return whether it is time to look for dead peers (then not again for the interval).
     */
    boolean livenessCheckDue()
    {
        final long now = System.nanoTime();
        if (now - nextLivenessCheck < 0)
        {
            return false;
        }
        nextLivenessCheck = now + RobustLockWord.LIVENESS_CHECK_INTERVAL_NS;
        return true;
    }

    /**
     * Tracks one suspect value seen at successive liveness checks.
     *
     * @return whether {@code value} was also the suspect at every check for at least {@code nanos}.
     */
    boolean persists(final long value, final long nanos)
    {
        final long now = System.nanoTime();
        if (value != suspect || 0 == suspectSince)
        {
            suspect = value;
            suspectSince = now;
            return false;
        }
        return now - suspectSince >= nanos;
    }

    /**
     * Idles once, unless the deadline has passed or the call may not wait.
     *
     * @return false if the call should give up.
     * @throws InterruptedException if the thread was interrupted.
     */
    boolean idle() throws InterruptedException
    {
        final long now = System.nanoTime();
        if (null == idlePolicy || now - deadlineNanos >= 0)
        {
            return false;
        }
        if (Thread.interrupted())
        {
            throw new InterruptedException("interrupted while waiting for " + waitingFor);
        }
        if (now - nextIntegrityCheck >= 0)
        {
            MappedFiles.checkIntact(buffer);
            nextIntegrityCheck = now + RobustLockWord.LIVENESS_CHECK_INTERVAL_NS;
        }
        if (null == idle)
        {
            idle = idlePolicy.newIdleStrategy();
        }
        idle.idle();
        return true;
    }
}
