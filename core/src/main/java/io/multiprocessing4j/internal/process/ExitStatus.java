package io.multiprocessing4j.internal.process;

import io.multiprocessing4j.RemoteProcessException;
import io.multiprocessing4j.codec.ClassAllowList;
import io.multiprocessing4j.codec.Codec;
import io.multiprocessing4j.codec.CodecException;

/**
 * How a child ended.
 *
 * @param exitCode        the exit code as the operating system shows it (128 + N for a signal N).
 * @param reported        whether the child reported it (its target returned or threw) rather than the
 *                        operating system (killed, or {@code System.exit} called by the target).
 * @param exception       the target's exception serialized with {@code java.io}, or empty.
 * @param remoteException the same as a {@code RemoteProcessException}, or empty.
 * @param thrown          the exception itself when the process was a thread of this JVM, else {@code null}.
 */
public record ExitStatus(int exitCode, boolean reported, byte[] exception, byte[] remoteException, Throwable thrown)
{
    private static final byte[] NONE = new byte[0];

    /**
     * @param allowList classes the exception may be made of.
     * @return the target's exception as thrown, or as a {@link RemoteProcessException} if it cannot be
     * rebuilt here; {@code null} if there was none.
     */
    public Throwable exception(final ClassAllowList allowList)
    {
        if (null != thrown)
        {
            return thrown;
        }
        if (0 == exception.length)
        {
            return null;
        }
        try
        {
            return (Throwable)Codec.jdk(allowList).decode(exception);
        }
        catch (final CodecException | ClassCastException ex)
        {
            try
            {
                return (Throwable)Codec.jdk(ClassAllowList.defaults()).decode(remoteException);
            }
            catch (final CodecException | ClassCastException again)
            {
                ex.addSuppressed(again);
                return new RemoteProcessException("unknown", "the child's exception could not be decoded", ex);
            }
        }
    }

    public static ExitStatus of(final int exitCode, final Throwable exception)
    {
        return null == exception ? new ExitStatus(exitCode, true, NONE, NONE, null) :
            new ExitStatus(exitCode, true, encode(exception), encode(RemoteProcessException.of(exception)), null);
    }

    static ExitStatus ofThread(final int exitCode, final Throwable exception)
    {
        return new ExitStatus(exitCode, true, NONE, NONE, exception);
    }

    static byte[] encode(final Throwable exception)
    {
        try
        {
            return Codec.jdk(ClassAllowList.defaults()).encode(exception);
        }
        catch (final CodecException ex)
        {
            return NONE;
        }
    }

    static ExitStatus reported(final int exitCode, final byte[] exception, final byte[] remoteException)
    {
        return new ExitStatus(exitCode, true, exception, remoteException, null);
    }

    static ExitStatus ofOperatingSystem(final int exitCode)
    {
        return new ExitStatus(exitCode, false, NONE, NONE, null);
    }
}
