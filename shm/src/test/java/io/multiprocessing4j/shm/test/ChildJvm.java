package io.multiprocessing4j.shm.test;

import io.multiprocessing4j.shm.internal.JvmCommandLine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real child JVM for tests: its stdout is read line by line, its stderr kept for failure messages.
 * Every wait takes a timeout. Closing kills the child if it is still running.
 */
public final class ChildJvm implements AutoCloseable
{
    private final Process process;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();
    private final Thread stdoutReader;
    private final Thread stderrReader;

    private ChildJvm(final List<String> command)
    {
        try
        {
            process = new ProcessBuilder(command).start();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        stdoutReader = pump(process.getInputStream(), line -> stdout.add(line));
        stderrReader = pump(process.getErrorStream(), line -> stderr.append(line).append('\n'));
    }

    /**
     * Start {@code mainClass} in a JVM with this one's class path and the library's required flags.
     */
    public static ChildJvm start(final Class<?> mainClass, final String... args)
    {
        return new ChildJvm(JvmCommandLine.of(List.of(), mainClass.getName(), List.of(args)));
    }

    /**
     * Start {@code mainClass} with exactly this command line before the class path: no required flags.
     */
    public static ChildJvm startBare(final Class<?> mainClass, final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(JvmCommandLine.javaBinary().toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return new ChildJvm(command);
    }

    public long pid()
    {
        return process.pid();
    }

    public Process process()
    {
        return process;
    }

    /**
     * @return the next line the child printed.
     * @throws AssertionError if none arrives in time, with the child's stderr.
     */
    public String awaitLine(final Duration timeout) throws InterruptedException
    {
        final String line = stdout.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (null == line)
        {
            throw new AssertionError("child " + pid() + " printed no line within " + timeout +
                (process.isAlive() ? "" : " (exit code " + process.exitValue() + ")") + "; stderr:\n" + stderr);
        }
        return line;
    }

    /**
     * @return the exit code.
     * @throws AssertionError if the child has not exited in time (it is then killed).
     */
    public int awaitExit(final Duration timeout) throws InterruptedException
    {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
        {
            kill();
            throw new AssertionError("child " + pid() + " did not exit within " + timeout + "; stderr:\n" + stderr);
        }
        stdoutReader.join(5_000);
        stderrReader.join(5_000);
        return process.exitValue();
    }

    /**
     * SIGKILL the child and wait for it to be gone.
     */
    public void kill() throws InterruptedException
    {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS))
        {
            throw new AssertionError("child " + pid() + " survived SIGKILL for 10 s");
        }
    }

    /**
     * Write a line to the child's stdin.
     */
    public void send(final String line) throws IOException
    {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    public String stderr()
    {
        return stderr.toString();
    }

    public List<String> remainingStdout()
    {
        final List<String> lines = new ArrayList<>();
        stdout.drainTo(lines);
        return lines;
    }

    public void close() throws InterruptedException
    {
        if (process.isAlive())
        {
            kill();
        }
    }

    private static Thread pump(final InputStream in, final java.util.function.Consumer<String> sink)
    {
        final Thread thread = new Thread(() ->
        {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)))
            {
                String line;
                while (null != (line = reader.readLine()))
                {
                    sink.accept(line);
                }
            }
            catch (final IOException ignore)
            {
                // The child is gone.
            }
        }, "child-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
