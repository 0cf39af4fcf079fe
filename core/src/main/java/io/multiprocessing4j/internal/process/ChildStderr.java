package io.multiprocessing4j.internal.process;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Reads a child JVM's standard error: its {@link ControlRecord}s complete {@link #hello} and {@link #exit},
 * everything else is copied to this JVM's stderr (or wherever the context redirects it), and the last few
 * kilobytes are kept to explain a child that fails to start. Because records and output share one stream,
 * the exit is known only after everything the child printed before it has been copied. One daemon thread
 * per child; thread-safe.
 */
final class ChildStderr implements Runnable
{
    private static final int TAIL_BYTES = 8 * 1024;
    private static final int CHUNK = 8 * 1024;

    final CompletableFuture<Void> hello = new CompletableFuture<>();
    final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();

    private final InputStream in;
    private final OutputStream out;
    private final byte[] marker;
    private final byte[] tail = new byte[TAIL_BYTES];
    private long tailed;
    private boolean eof;

    private int matched;
    private byte[] header;
    private int headerFill;
    private byte[] payload;
    private int payloadFill;

    private ChildStderr(final InputStream in, final OutputStream out, final long token)
    {
        this.in = in;
        this.out = out;
        this.marker = ControlRecord.marker(token);
    }

    /**
     * @param out where the child's own output goes; {@code null} discards it.
     */
    static ChildStderr start(final InputStream in, final OutputStream out, final long token, final String threadName)
    {
        final ChildStderr reader = new ChildStderr(in, out, token);
        final Thread thread = new Thread(reader, threadName);
        thread.setDaemon(true);
        thread.start();
        return reader;
    }

    public void run()
    {
        final byte[] chunk = new byte[CHUNK];
        final byte[] plain = new byte[CHUNK + ControlRecord.MARKER_LENGTH];
        try (in)
        {
            int read;
            while ((read = in.read(chunk)) > 0)
            {
                forward(plain, demultiplex(chunk, read, plain));
            }
        }
        catch (final IOException ignore)
        {
            // the child's end closed
        }
        finally
        {
            forward(marker, matched);
            synchronized (this)
            {
                eof = true;
                notifyAll();
            }
            hello.completeExceptionally(new EOFException("child JVM closed its stderr"));
            exit.completeExceptionally(new EOFException("child JVM closed its stderr"));
        }
    }

    /**
     * @return the plain bytes found in {@code chunk}, copied to {@code plain}.
     */
    private int demultiplex(final byte[] chunk, final int length, final byte[] plain)
    {
        int plainLength = 0;
        for (int i = 0; i < length; i++)
        {
            final byte b = chunk[i];
            if (null != payload)
            {
                payload[payloadFill++] = b;
                if (payloadFill == payload.length)
                {
                    plainLength = dispatchAfter(plain, plainLength);
                }
            }
            else if (null != header)
            {
                header[headerFill++] = b;
                if (headerFill == header.length)
                {
                    final int size = ((header[1] & 0xFF) << 24) | ((header[2] & 0xFF) << 16) |
                        ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
                    if (size < 0 || size > ControlRecord.MAX_PAYLOAD)
                    {
                        header = null;
                    }
                    else
                    {
                        payload = new byte[size];
                        payloadFill = 0;
                        if (0 == size)
                        {
                            plainLength = dispatchAfter(plain, plainLength);
                        }
                    }
                }
            }
            else if (b == marker[matched])
            {
                if (++matched == marker.length)
                {
                    matched = 0;
                    header = new byte[5];
                    headerFill = 0;
                }
            }
            else
            {
                if (matched > 0)
                {
                    System.arraycopy(marker, 0, plain, plainLength, matched);
                    plainLength += matched;
                    matched = 0;
                }
                if (b == marker[0])
                {
                    matched = 1;
                }
                else
                {
                    plain[plainLength++] = b;
                }
            }
        }
        return plainLength;
    }

    /**
     * Completes the record just read, having first copied out the output the child printed before it, so that
     * whoever the record wakes (a join, say) finds that output already written.
     *
     * @return 0, the plain bytes now pending.
     */
    private int dispatchAfter(final byte[] plain, final int plainLength)
    {
        forward(plain, plainLength);
        dispatch();
        return 0;
    }

    private void dispatch()
    {
        final byte type = header[0];
        final byte[] body = payload;
        header = null;
        payload = null;
        if (ControlRecord.HELLO == type)
        {
            hello.complete(null);
        }
        else if (ControlRecord.EXIT == type)
        {
            try
            {
                final DataInputStream data = new DataInputStream(new ByteArrayInputStream(body));
                final int exitCode = data.readInt();
                final byte[] exception = readBytes(data);
                final byte[] remoteException = readBytes(data);
                exit.complete(ExitStatus.reported(exitCode, exception, remoteException));
            }
            catch (final IOException ex)
            {
                exit.completeExceptionally(ex);
            }
        }
    }

    private static byte[] readBytes(final DataInputStream data) throws IOException
    {
        final int length = data.readInt();
        if (length < 0 || length > data.available())
        {
            throw new IOException("corrupt exit record: " + length + " bytes");
        }
        final byte[] bytes = new byte[length];
        data.readFully(bytes);
        return bytes;
    }

    private void forward(final byte[] bytes, final int length)
    {
        if (0 == length)
        {
            return;
        }
        if (null != out)
        {
            try
            {
                out.write(bytes, 0, length);
                out.flush();
            }
            catch (final IOException ignore)
            {
                // our own stderr is gone; keep draining so the child never blocks on a full pipe
            }
        }
        synchronized (this)
        {
            for (int i = 0; i < length; i++)
            {
                tail[(int)((tailed + i) % TAIL_BYTES)] = bytes[i];
            }
            tailed += length;
        }
    }

    /**
     * Waits at most {@code timeoutMs} for the child's stderr to close.
     */
    synchronized void awaitEof(final long timeoutMs)
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        long remaining = timeoutMs;
        while (!eof && remaining > 0)
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

    /**
     * @return the last bytes of the child's own output on stderr, as text.
     */
    synchronized String tail()
    {
        final int length = (int)Math.min(tailed, TAIL_BYTES);
        final byte[] ordered = new byte[length];
        final int start = (int)((tailed - length) % TAIL_BYTES);
        for (int i = 0; i < length; i++)
        {
            ordered[i] = tail[(start + i) % TAIL_BYTES];
        }
        return new String(ordered, StandardCharsets.UTF_8);
    }
}
