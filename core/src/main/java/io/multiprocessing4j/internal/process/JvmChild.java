package io.multiprocessing4j.internal.process;

import io.multiprocessing4j.ProcessStartException;
import io.multiprocessing4j.shm.internal.JvmCommandLine;

import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One child JVM running {@link ChildMain}, from launch until its exit is known: started and connected by
 * {@link #launch}, given its target by {@link #assign}, watched by {@link #exit()}. Its standard input stays
 * open for as long as this JVM lives; the child exits when it closes. Thread-safe.
 */
final class JvmChild implements ChildProcess
{
    private static final long STDERR_SETTLE_MS = 1_000;

    private final Process process;
    private final ChildConnection connection;
    private final StderrPump pump;
    private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
    private final AtomicBoolean released = new AtomicBoolean();

    private JvmChild(final Process process, final ChildConnection connection, final StderrPump pump)
    {
        this.process = process;
        this.connection = connection;
        this.pump = pump;
        connection.report.thenAccept(report ->
        {
            if (null != pump)
            {
                pump.awaitForwarded(report.stderrBytes(), STDERR_SETTLE_MS);
            }
            exit.complete(ExitStatus.reported(report));
        });
        process.onExit().thenAccept(ended ->
        {
            if (null != pump)
            {
                pump.awaitEof(STDERR_SETTLE_MS);
            }
            exit.complete(ExitStatus.ofOperatingSystem(ended.exitValue()));
        });
        exit.whenComplete((status, failure) -> release());
    }

    /**
     * Starts a child JVM and waits until it has connected back.
     *
     * @throws ProcessStartException if it cannot be started, exits, or does not connect within the timeout;
     *                               the message ends with the tail of the child's stderr.
     */
    static JvmChild launch(final ChildJvmSettings settings, final boolean warm)
    {
        final ProcessServer server = ProcessServer.acquire();
        final ChildConnection connection = server.register();
        final List<String> options = new ArrayList<>(InheritedJvmOptions.get());
        options.addAll(settings.jvmOptions());
        final List<String> command = JvmCommandLine.of(options, ChildMain.class.getName(),
            warm ? List.of(server.socketPath().toString(), Long.toString(connection.token), "warm") :
                List.of(server.socketPath().toString(), Long.toString(connection.token)));
        final Process process;
        try
        {
            process = new ProcessBuilder(command)
                .redirectInput(Redirect.PIPE)
                .redirectOutput(null == settings.output() ? Redirect.INHERIT : settings.output())
                .redirectError(null == settings.error() ? Redirect.PIPE : settings.error())
                .start();
        }
        catch (final IOException ex)
        {
            server.unregister(connection);
            ProcessServer.release();
            throw new ProcessStartException("cannot run " + command.get(0) + ": " + ex.getMessage(), ex);
        }
        final StderrPump pump = null == settings.error() ?
            StderrPump.start(process.getErrorStream(), System.err, "mp4j-stderr-" + process.pid()) : null;
        final JvmChild child = new JvmChild(process, connection, pump);
        child.awaitConnected(settings.startTimeout(), command, server);
        return child;
    }

    public long pid()
    {
        return process.pid();
    }

    /**
     * Sends the child what to run; it starts at once.
     */
    void assign(final byte[] spec)
    {
        try
        {
            final DataOutputStream out = new DataOutputStream(process.getOutputStream());
            out.writeInt(spec.length);
            out.write(spec);
            out.flush();
        }
        catch (final IOException ex)
        {
            throw new ProcessStartException("child JVM " + process.pid() + " ended before it received its target" +
                stderrTail(), ex);
        }
    }

    public CompletableFuture<ExitStatus> exit()
    {
        return exit;
    }

    boolean isAlive()
    {
        return !exit.isDone();
    }

    public void terminate()
    {
        process.destroy();
    }

    public void kill()
    {
        process.destroyForcibly();
    }

    /**
     * Ends a child that was never assigned a target: it sees end-of-file and exits quietly.
     */
    void dismiss()
    {
        try
        {
            process.getOutputStream().close();
        }
        catch (final IOException ex)
        {
            process.destroyForcibly();
        }
    }

    private void awaitConnected(final Duration timeout, final List<String> command, final ProcessServer server)
    {
        try
        {
            CompletableFuture.anyOf(connection.hello, process.onExit()).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (connection.hello.isDone() && !connection.hello.isCompletedExceptionally())
            {
                return;
            }
            if (null != pump)
            {
                pump.awaitEof(STDERR_SETTLE_MS);
            }
            throw new ProcessStartException("child JVM exited with code " + process.exitValue() +
                " before it was ready; command: " + String.join(" ", command) + stderrTail());
        }
        catch (final TimeoutException ex)
        {
            process.destroyForcibly();
            throw new ProcessStartException("child JVM " + process.pid() + " was not ready within " + timeout +
                "; command: " + String.join(" ", command) + stderrTail());
        }
        catch (final InterruptedException ex)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ProcessStartException("interrupted while starting a child JVM", ex);
        }
        catch (final ExecutionException ex)
        {
            process.destroyForcibly();
            throw new ProcessStartException("child JVM " + process.pid() + " failed to connect" + stderrTail(), ex);
        }
        finally
        {
            server.unregister(connection);
        }
    }

    private String stderrTail()
    {
        if (null == pump)
        {
            return "";
        }
        final String tail = pump.tail().strip();
        return tail.isEmpty() ? " (its stderr was empty)" : "; its stderr ends with:\n" + tail;
    }

    private void release()
    {
        if (released.compareAndSet(false, true))
        {
            ProcessServer.release();
        }
    }
}
