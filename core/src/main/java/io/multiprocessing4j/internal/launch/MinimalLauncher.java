package io.multiprocessing4j.internal.launch;

import io.multiprocessing4j.shm.internal.JvmCommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Starts a child JVM running a {@code main} class on this JVM's class path, with its output inherited.
 * A stop-gap until {@code JvmProcess} exists; not API. Stateless.
 */
public final class MinimalLauncher
{
    private MinimalLauncher()
    {
    }

    public static Process start(final Class<?> mainClass, final String... args)
    {
        try
        {
            return new ProcessBuilder(JvmCommandLine.of(List.of(), mainClass.getName(), List.of(args)))
                .inheritIO()
                .start();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start a child JVM for " + mainClass.getName(), ex);
        }
    }
}
