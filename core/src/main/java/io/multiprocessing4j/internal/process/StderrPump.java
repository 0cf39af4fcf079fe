package io.multiprocessing4j.internal.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Copies a child JVM's standard error to this JVM's, keeping the last few kilobytes so that a child that
 * fails to start can be explained, and counting bytes so that the parent can wait until everything the
 * child wrote before it reported has been shown. One daemon thread per child; thread-safe.
 */
final class StderrPump implements Runnable
{
    private static final int TAIL_BYTES = 8 * 1024;

    private final InputStream in;
    private final OutputStream out;
    private final byte[] tail = new byte[TAIL_BYTES];
    private long forwarded;
    private boolean eof;

    private StderrPump(final InputStream in, final OutputStream out)
    {
        this.in = in;
        this.out = out;
    }

    static StderrPump start(final InputStream in, final OutputStream out, final String threadName)
    {
        final StderrPump pump = new StderrPump(in, out);
        final Thread thread = new Thread(pump, threadName);
        thread.setDaemon(true);
        thread.start();
        return pump;
    }

    public void run()
    {
        final byte[] buffer = new byte[8192];
        try (in)
        {
            int read;
            while ((read = in.read(buffer)) > 0)
            {
                try
                {
                    out.write(buffer, 0, read);
                    out.flush();
                }
                catch (final IOException ignore)
                {
                    // our own stderr is gone; keep draining so the child never blocks on a full pipe
                }
                record(buffer, read);
            }
        }
        catch (final IOException ignore)
        {
            // the child's end closed
        }
        finally
        {
            synchronized (this)
            {
                eof = true;
                notifyAll();
            }
        }
    }

    /**
     * Waits until {@code bytes} bytes have been forwarded or the child's stderr closed, at most {@code timeoutMs}.
     */
    synchronized void awaitForwarded(final long bytes, final long timeoutMs)
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        long remaining = timeoutMs;
        while (!eof && forwarded < bytes && remaining > 0)
        {
            try
            {
                wait(remaining);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
            remaining = deadline - System.currentTimeMillis();
        }
    }

    void awaitEof(final long timeoutMs)
    {
        awaitForwarded(Long.MAX_VALUE, timeoutMs);
    }

    /**
     * @return the last bytes the child wrote to stderr, as text.
     */
    synchronized String tail()
    {
        final int length = (int)Math.min(forwarded, TAIL_BYTES);
        final byte[] ordered = new byte[length];
        final int end = (int)(forwarded % TAIL_BYTES);
        final int start = (end - length + TAIL_BYTES) % TAIL_BYTES;
        for (int i = 0; i < length; i++)
        {
            ordered[i] = tail[(start + i) % TAIL_BYTES];
        }
        return new String(ordered, StandardCharsets.UTF_8);
    }

    private synchronized void record(final byte[] buffer, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            tail[(int)((forwarded + i) % TAIL_BYTES)] = buffer[i];
        }
        forwarded += length;
        notifyAll();
    }
}
