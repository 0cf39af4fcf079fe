package io.multiprocessing4j.internal.process;

import io.multiprocessing4j.shm.ShmContext;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Unix-domain socket on which this JVM's child JVMs report: each child connects, names itself with the
 * token the parent gave it, and later reports its exit code and exception. The socket lives in a private
 * (0700) {@link ShmContext} directory that exists only while some child is {@linkplain #acquire() leased},
 * so an idle parent leaves nothing behind and a killed one leaves a directory the next context sweeps.
 * Thread-safe; one acceptor thread plus one reader thread per connected child, all daemons.
 */
final class ProcessServer
{
    static final String SOCKET_NAME = "children.sock";
    static final byte REPORT_EXIT = 1;
    static final int MAX_EXCEPTION_BYTES = 16 * 1024 * 1024;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static ProcessServer current;
    private static int leases;

    private final ShmContext context;
    private final Path socketPath;
    private final ServerSocketChannel server;
    private final Map<Long, ChildConnection> pending = new ConcurrentHashMap<>();

    private ProcessServer()
    {
        context = ShmContext.create();
        socketPath = context.directory().resolve(SOCKET_NAME);
        try
        {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socketPath));
        }
        catch (final IOException ex)
        {
            context.close();
            throw new UncheckedIOException("cannot listen on " + socketPath, ex);
        }
        final Thread acceptor = new Thread(this::acceptLoop, "mp4j-process-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * @return the server, started if no child was leased; pair with {@link #release()}.
     */
    static synchronized ProcessServer acquire()
    {
        if (null == current)
        {
            current = new ProcessServer();
        }
        leases++;
        return current;
    }

    /**
     * Ends one lease; the last one closes the socket and removes its directory.
     */
    static synchronized void release()
    {
        if (--leases == 0)
        {
            current.close();
            current = null;
        }
    }

    Path socketPath()
    {
        return socketPath;
    }

    ChildConnection register()
    {
        long token;
        ChildConnection connection;
        do
        {
            token = RANDOM.nextLong();
            connection = new ChildConnection(token);
        }
        while (null != pending.putIfAbsent(token, connection));
        return connection;
    }

    void unregister(final ChildConnection connection)
    {
        pending.remove(connection.token, connection);
    }

    private void acceptLoop()
    {
        while (server.isOpen())
        {
            try
            {
                final SocketChannel channel = server.accept();
                final Thread reader = new Thread(() -> read(channel), "mp4j-child-reader");
                reader.setDaemon(true);
                reader.start();
            }
            catch (final IOException ex)
            {
                return;
            }
        }
    }

    private void read(final SocketChannel channel)
    {
        ChildConnection connection = null;
        try (channel)
        {
            final DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
            connection = pending.remove(in.readLong());
            if (null == connection)
            {
                return;
            }
            connection.hello.complete(null);
            if (REPORT_EXIT != in.readByte())
            {
                return;
            }
            final int exitCode = in.readInt();
            final long stderrBytes = in.readLong();
            final byte[] exception = readBytes(in);
            final byte[] remoteException = readBytes(in);
            connection.report.complete(new ChildConnection.Report(exitCode, stderrBytes, exception, remoteException));
        }
        catch (final IOException ex)
        {
            // EOF or reset: the child died without reporting; its exit status comes from the operating system.
        }
        finally
        {
            if (null != connection)
            {
                connection.hello.completeExceptionally(new EOFException("child disconnected"));
                connection.report.completeExceptionally(new EOFException("child disconnected"));
            }
        }
    }

    private static byte[] readBytes(final DataInputStream in) throws IOException
    {
        final int length = in.readInt();
        if (length < 0 || length > MAX_EXCEPTION_BYTES)
        {
            throw new IOException("corrupt report: " + length + " bytes");
        }
        final byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    private void close()
    {
        try
        {
            server.close();
        }
        catch (final IOException ignore)
        {
            // closing a listening socket cannot lose data
        }
        context.close();
    }
}
