package io.multiprocessing4j;

import io.multiprocessing4j.shm.IdlePolicy;
import io.multiprocessing4j.shm.MappedFiles;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A wait on a condition read from a shared region, for the objects that wait outside the shm layer's rings
 * and sync words (events, joins): it idles as the policy says, checks the region's file at each liveness
 * interval, and names the file if it shrank ({@link MappedFiles}). Stateless.
 */
final class SharedWait
{
    private SharedWait()
    {
    }

    /**
     * @param buffer      the region's buffer, whose file is checked.
     * @param done        reads the condition from the region.
     * @param interrupted the message of the {@link InterruptedException}.
     * @return true once {@code done} is, false if {@code deadlineNanos} came first.
     */
    static boolean until(final DirectBuffer buffer, final BooleanSupplier done, final long deadlineNanos,
        final IdlePolicy policy, final Supplier<String> interrupted) throws InterruptedException
    {
        try
        {
            final IdleStrategy idle = MappedFiles.checking(buffer, policy.newIdleStrategy());
            while (!done.getAsBoolean())
            {
                if (Thread.interrupted())
                {
                    throw new InterruptedException(interrupted.get());
                }
                if (System.nanoTime() - deadlineNanos >= 0)
                {
                    return false;
                }
                idle.idle();
            }
            return true;
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }
}
