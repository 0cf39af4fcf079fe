package io.multiprocessing4j.manager;

import io.multiprocessing4j.RemoteProcessException;
import io.multiprocessing4j.internal.manager.ManagerAddress;
import io.multiprocessing4j.internal.manager.ManagerClient;
import io.multiprocessing4j.internal.manager.ManagerRequest;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * What every proxy holds: the manager's address and the object's id there, and the calls that reach it.
 * Serializable; each thread of each process reaches the manager over a connection of its own. Thread-safe.
 */
final class Remote implements Serializable
{
    private static final long serialVersionUID = 1L;
    /** The longest a blocking call waits in the manager before coming back to check for an interrupt. */
    static final long WAIT_SLICE_MS = 100;

    private final ManagerAddress address;
    private final long id;

    Remote(final ManagerAddress address, final long id)
    {
        this.address = Objects.requireNonNull(address, "address");
        this.id = id;
    }

    /**
     * Calls a method of the managed object, named by its signature ({@code name(type,type)}).
     *
     * @throws ManagerException if the manager is gone.
     */
    final Object call(final String signature, final Object... args)
    {
        try
        {
            return callInterruptibly(signature, args);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new ManagerException("interrupted while calling " + signature + " on " + this, ex);
        }
    }

    final Object callInterruptibly(final String signature, final Object... args) throws InterruptedException
    {
        try
        {
            return callRaw(signature, args);
        }
        catch (final InterruptedException | RuntimeException | Error ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw RemoteProcessException.of(ex);
        }
    }

    /**
     * @throws Throwable what the method threw in the manager, as it was.
     */
    final Object callRaw(final String signature, final Object[] args) throws Throwable
    {
        return ManagerClient.call(address, new ManagerRequest(ManagerRequest.CALL, id, signature, args));
    }

    /**
     * Calls {@code signature(long timeoutMs)} in slices of at most {@value #WAIT_SLICE_MS} ms until it returns
     * {@code true} or {@code timeout} has passed (a {@code null} timeout waits for ever).
     */
    final boolean awaitInSlices(final String signature, final Duration timeout) throws InterruptedException
    {
        return Boolean.TRUE.equals(callInSlices(signature, timeout, null));
    }

    /**
     * Calls {@code signature([argument,] long timeoutMs)} in slices of at most {@value #WAIT_SLICE_MS} ms, so
     * that an interrupt is seen between them, until it returns neither {@code null} nor {@code false}, or
     * {@code timeout} has passed (a {@code null} timeout waits for ever).
     *
     * @return the last result.
     */
    final Object callInSlices(final String signature, final Duration timeout, final Object argument)
        throws InterruptedException
    {
        final long deadline = null == timeout ? 0 : System.nanoTime() + timeout.toNanos();
        while (true)
        {
            if (Thread.interrupted())
            {
                throw new InterruptedException("interrupted while waiting on " + this);
            }
            final long left = null == timeout ? WAIT_SLICE_MS : Math.max(0,
                (deadline - System.nanoTime()) / 1_000_000L);
            final long slice = Math.min(left, WAIT_SLICE_MS);
            final Object result = null == argument ? callInterruptibly(signature, slice) :
                callInterruptibly(signature, argument, slice);
            if ((null != result && !Boolean.FALSE.equals(result)) || (null != timeout &&
                deadline - System.nanoTime() <= 0))
            {
                return result;
            }
        }
    }

    final ManagerAddress address()
    {
        return address;
    }

    final long id()
    {
        return id;
    }

    public boolean equals(final Object other)
    {
        return other instanceof Remote && address.equals(((Remote)other).address) && id == ((Remote)other).id;
    }

    public int hashCode()
    {
        return address.hashCode() * 31 + Long.hashCode(id);
    }

    public String toString()
    {
        return "object " + id + " in the " + address;
    }
}
