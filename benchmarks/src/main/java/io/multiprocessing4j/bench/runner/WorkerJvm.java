package io.multiprocessing4j.bench.runner;

import io.multiprocessing4j.shm.internal.JvmCommandLine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Starts and reaps the child JVMs of a side-by-side trial, with a timeout on every wait.
 */
final class WorkerJvm
{
    static final long TIMEOUT_MS = 120_000;

    private WorkerJvm()
    {
    }

    static Process start(final Class<?> main, final String... args) throws IOException
    {
        return startWith(List.of(), main, args);
    }

    static Process startWith(final List<String> jvmOptions, final Class<?> main, final String... args)
        throws IOException
    {
        return new ProcessBuilder(JvmCommandLine.of(jvmOptions, main.getName(), List.of(args)))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    }

    /**
     * Runs a worker to its successful end and returns the last line it printed.
     */
    static String runForLine(final List<String> jvmOptions, final Class<?> main, final String... args)
        throws IOException, InterruptedException
    {
        final Process process = new ProcessBuilder(JvmCommandLine.of(jvmOptions, main.getName(), List.of(args)))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
        final CompletableFuture<String> lastLine = CompletableFuture.supplyAsync(() ->
        {
            try (BufferedReader reader = process.inputReader(StandardCharsets.UTF_8))
            {
                return reader.lines().reduce("", (previous, line) -> line);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        });
        awaitSuccess(process);
        try
        {
            return lastLine.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            throw new IllegalStateException("worker " + process.pid() + " printed no result", ex);
        }
    }

    static void awaitSuccess(final Process process) throws InterruptedException
    {
        if (!process.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS))
        {
            process.destroyForcibly();
            throw new IllegalStateException("worker " + process.pid() + " did not finish in " + TIMEOUT_MS + " ms");
        }
        if (0 != process.exitValue())
        {
            throw new IllegalStateException("worker " + process.pid() + " failed with exit code " +
                process.exitValue());
        }
    }

    static void spinUntil(final BooleanSupplier condition, final List<Process> workers) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (!condition.getAsBoolean())
        {
            for (final Process worker : workers)
            {
                if (!worker.isAlive())
                {
                    throw new IllegalStateException("worker " + worker.pid() + " exited early: " + worker.exitValue());
                }
            }
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("workers did not get ready in " + TIMEOUT_MS + " ms");
            }
            Thread.sleep(1);
        }
    }
}
