package io.multiprocessing4j.internal.process;

import io.multiprocessing4j.ProcessStartException;
import io.multiprocessing4j.shm.internal.JvmCommandLine;

import java.io.DataOutputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One child JVM running {@link ChildMain}, from launch until its exit is known: started by {@link #launch}
 * (which waits for the child's hello on its stderr), given its target by {@link #assign}, watched by
 * {@link #exit()}. Its standard input stays open while this JVM lives; the child exits when it closes.
 * Thread-safe.
 */
final class JvmChild implements ChildProcess
{
    private static final long STDERR_SETTLE_MS = 1_000;

    private final Process process;
    private final ChildStderr stderr;
    private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();

    private JvmChild(final Process process, final ChildStderr stderr)
    {
        this.process = process;
        this.stderr = stderr;
        stderr.exit.thenAccept(exit::complete);
        process.onExit().thenAccept(ended ->
        {
            stderr.awaitEof(STDERR_SETTLE_MS);
            exit.complete(ExitStatus.ofOperatingSystem(ended.exitValue()));
        });
    }

    /**
     * Starts a child JVM and waits until it says hello.
     *
     * @param preload {@code null} for a child that gets its target at once; for a {@code WARM} JVM, the
     *                classes it loads and initializes (with the codecs) before it says hello.
     * @throws ProcessStartException if it cannot be started, exits, or is not ready within the timeout;
     *                               the message ends with the tail of the child's stderr.
     */
    static JvmChild launch(final ChildJvmSettings settings, final Collection<String> preload)
    {
        final long token = ThreadLocalRandom.current().nextLong();
        final List<String> options = new ArrayList<>(InheritedJvmOptions.get());
        options.addAll(settings.jvmOptions());
        ChildCollector.chooseUnlessChosen(options);
        final boolean warm = null != preload;
        final ChildClassPath paths = ChildClassPath.of(Thread.currentThread().getContextClassLoader());
        final ChildClassDataSharing.Plan classDataSharing =
            ChildClassDataSharing.plan(options, paths.classPathAlone(), !warm, null == settings.executable());
        options.addAll(classDataSharing.options);
        final List<String> command = new ArrayList<>(JvmCommandLine.of(options, paths.launch(ChildMain.class.getName()),
            warm ? List.of(Long.toString(token), ChildMain.WARM, String.join(",", preload)) :
                List.of(Long.toString(token))));
        if (null != settings.executable())
        {
            command.set(0, settings.executable().toString());
        }
        final OutputStream errorSink = errorSink(settings.error());
        final Process process;
        try
        {
            process = new ProcessBuilder(command)
                .redirectInput(Redirect.PIPE)
                .redirectOutput(null == settings.output() ? Redirect.INHERIT : settings.output())
                .redirectError(Redirect.PIPE)
                .start();
        }
        catch (final IOException ex)
        {
            classDataSharing.childExited();
            throw new ProcessStartException("cannot run " + command.get(0) + ": " + ex.getMessage(), ex);
        }
        classDataSharing.publishWhenExited(process);
        final ChildStderr stderr = ChildStderr.start(
            process.getErrorStream(), errorSink, token, "mp4j-stderr-" + process.pid());
        final JvmChild child = new JvmChild(process, stderr);
        child.awaitHello(settings.startTimeout(), command);
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

    /**
     * Signals through the {@link ProcessHandle}: {@link Process#destroy()} would also close the child's
     * stdin, which the child reads as its parent's death and exits 1 before the signal's own exit code.
     */
    public void terminate()
    {
        process.toHandle().destroy();
    }

    public void kill()
    {
        process.toHandle().destroyForcibly();
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

    private void awaitHello(final Duration timeout, final List<String> command)
    {
        try
        {
            stderr.hello.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (final ExecutionException ex)
        {
            final Integer exitCode = process.onExit().completeOnTimeout(null, STDERR_SETTLE_MS, TimeUnit.MILLISECONDS)
                .thenApply(Process::exitValue).join();
            stderr.awaitEof(STDERR_SETTLE_MS);
            throw new ProcessStartException("child JVM " + process.pid() +
                (null == exitCode ? " closed its stderr" : " exited with code " + exitCode) +
                " before it was ready; command: " + String.join(" ", command) + stderrTail());
        }
        catch (final TimeoutException ex)
        {
            process.toHandle().destroyForcibly();
            throw new ProcessStartException("child JVM " + process.pid() + " was not ready within " + timeout +
                "; command: " + String.join(" ", command) + stderrTail());
        }
        catch (final InterruptedException ex)
        {
            process.toHandle().destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ProcessStartException("interrupted while starting a child JVM", ex);
        }
    }

    private String stderrTail()
    {
        final String tail = stderr.tail().strip();
        if (tail.isEmpty())
        {
            return " (its stderr was empty)";
        }
        final String hint = tail.contains("Could not find or load main class") ?
            ". The child could not find this library's classes on the class path (or module path) in the command " +
            "above, which is this JVM's plus the jars and directories of the class loaders that loaded the code " +
            "starting it; put the library's jars on this JVM's class path (java -cp ...)" : "";
        return hint + "; its stderr ends with:\n" + tail;
    }

    private static OutputStream errorSink(final Redirect error)
    {
        if (null == error || Redirect.INHERIT.equals(error) || Redirect.PIPE.equals(error))
        {
            return System.err;
        }
        if (Redirect.DISCARD.equals(error))
        {
            return null;
        }
        try
        {
            return new FileOutputStream(error.file(), Redirect.Type.APPEND == error.type());
        }
        catch (final FileNotFoundException ex)
        {
            throw new ProcessStartException(
                "cannot open " + error.file() + " for a child's stderr: " + ex.getMessage(), ex);
        }
    }
}
