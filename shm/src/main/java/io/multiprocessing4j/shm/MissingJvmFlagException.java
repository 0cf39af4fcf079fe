package io.multiprocessing4j.shm;

/**
 * This JVM was started without an option multiprocessing4j needs; the message names it.
 */
public final class MissingJvmFlagException extends ShmException
{
    private static final long serialVersionUID = 1L;

    MissingJvmFlagException(final String flags, final String manifestAddExports)
    {
        super("this JVM was started without the option '" + flags + "', which multiprocessing4j needs " +
            "(Agrona 2.x uses jdk.internal.misc.Unsafe). Add it to the java command line, or run from a jar " +
            "whose manifest has 'Add-Exports: " + manifestAddExports + "'.");
    }
}
