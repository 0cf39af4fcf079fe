package io.multiprocessing4j.internal.manager;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Accepts a remote manager's TCP connections and runs the server's side of their authentication
 * ({@link Frames}: challenge the client, then answer its challenge) on one selector thread, so that a socket
 * that has not proved it knows the key costs no thread. At most {@value #MAX_PENDING} handshakes are in
 * progress (a new connection beyond that drops the oldest, which a client that knows the key has long
 * finished), each for at most {@value #HANDSHAKE_TIMEOUT_MS} ms. An authenticated socket is handed, blocking
 * again, to the consumer given. Its frames are a few dozen bytes into an empty send buffer, so a write that
 * does not complete at once ends the handshake. Runs on the one thread that calls {@link #run()}.
 */
final class HandshakeListener implements Runnable
{
    static final int MAX_PENDING = 64;
    static final long HANDSHAKE_TIMEOUT_MS = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(HandshakeListener.class);
    private static final int MAX_HANDSHAKE_FRAME = 64;
    private static final int ANSWER = 1;
    private static final int CLIENT_CHALLENGE = 2;
    private static final int VERDICT = 3;

    private final ServerSocketChannel server;
    private final byte[] key;
    private final Consumer<SocketChannel> onAuthenticated;
    private final ArrayDeque<Handshake> pending = new ArrayDeque<>();

    HandshakeListener(final ServerSocketChannel server, final byte[] key, final Consumer<SocketChannel> onAuthenticated)
    {
        this.server = server;
        this.key = key.clone();
        this.onAuthenticated = onAuthenticated;
    }

    public void run()
    {
        try (Selector selector = Selector.open())
        {
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            while (server.isOpen())
            {
                selector.select(HANDSHAKE_TIMEOUT_MS / 4);
                final Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                while (ready.hasNext())
                {
                    final SelectionKey selected = ready.next();
                    ready.remove();
                    if (selected.isValid() && selected.isAcceptable())
                    {
                        acceptAll(selector);
                    }
                    else if (selected.isValid() && selected.isReadable())
                    {
                        step(selector, (Handshake)selected.attachment());
                    }
                }
                dropExpired();
            }
        }
        catch (final IOException ex)
        {
            LOG.warn("manager listener stopped: {}", ex.toString());
        }
        finally
        {
            pending.forEach(Handshake::close);
        }
    }

    private void acceptAll(final Selector selector) throws IOException
    {
        SocketChannel channel;
        while (null != (channel = server.accept()))
        {
            final Handshake handshake = new Handshake(channel);
            try
            {
                channel.configureBlocking(false);
                channel.socket().setTcpNoDelay(true);
                handshake.key = channel.register(selector, SelectionKey.OP_READ, handshake);
                handshake.writeFrame(handshake.challenge);
            }
            catch (final IOException ex)
            {
                handshake.close();
                continue;
            }
            pending.addLast(handshake);
            if (pending.size() > MAX_PENDING)
            {
                pending.removeFirst().close();
            }
        }
    }

    private void step(final Selector selector, final Handshake handshake)
    {
        try
        {
            if (handshake.advance())
            {
                pending.remove(handshake);
                handshake.key.cancel();
                selector.selectNow(); // completes the cancellation, so the channel may block again
                handshake.channel.configureBlocking(true);
                onAuthenticated.accept(handshake.channel);
            }
        }
        catch (final IOException ex)
        {
            LOG.debug("manager: remote client {} failed its handshake: {}", handshake.peer(), ex.toString());
            pending.remove(handshake);
            handshake.close();
        }
    }

    private void dropExpired()
    {
        final long now = System.nanoTime();
        while (!pending.isEmpty() && now - pending.peekFirst().deadline > 0)
        {
            pending.removeFirst().close();
        }
    }

    /**
     * One connection's handshake: what it waits for next, and the frame it is reading.
     */
    private final class Handshake
    {
        private final SocketChannel channel;
        private final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HANDSHAKE_TIMEOUT_MS);
        private final byte[] challenge = Frames.newChallenge();
        private final ByteBuffer length = ByteBuffer.allocate(Integer.BYTES);
        private ByteBuffer frame;
        private SelectionKey key;
        private int awaiting = ANSWER;

        Handshake(final SocketChannel channel)
        {
            this.channel = channel;
        }

        /**
         * Reads what has arrived and answers it.
         *
         * @return true once the client is authenticated.
         * @throws IOException if it is not, or cannot be: the wrong key, a malformed frame, a closed socket.
         */
        boolean advance() throws IOException
        {
            final byte[] received = readFrame();
            if (null == received)
            {
                return false;
            }
            switch (awaiting)
            {
                case ANSWER:
                    if (!MessageDigest.isEqual(received, Frames.hmac(HandshakeListener.this.key, challenge)))
                    {
                        writeFrame(Frames.FAILURE);
                        throw new Frames.AuthenticationFailure("the peer answered the challenge with the wrong key");
                    }
                    writeFrame(Frames.WELCOME);
                    awaiting = CLIENT_CHALLENGE;
                    return false;
                case CLIENT_CHALLENGE:
                    if (Frames.CHALLENGE_BYTES != received.length)
                    {
                        throw new Frames.AuthenticationFailure("the peer sent a malformed challenge");
                    }
                    writeFrame(Frames.hmac(HandshakeListener.this.key, received));
                    awaiting = VERDICT;
                    return false;
                default:
                    if (!Arrays.equals(Frames.WELCOME, received))
                    {
                        throw new Frames.AuthenticationFailure("the peer refused our key");
                    }
                    return true;
            }
        }

        /**
         * @return the next whole frame, or null until it has all arrived (it reads no byte past it).
         */
        private byte[] readFrame() throws IOException
        {
            if (null == frame)
            {
                if (channel.read(length) < 0)
                {
                    throw new IOException("closed by the peer");
                }
                if (length.hasRemaining())
                {
                    return null;
                }
                final int size = length.flip().getInt();
                if (size < 0 || size > MAX_HANDSHAKE_FRAME)
                {
                    throw new IOException("handshake frame of " + size + " bytes refused");
                }
                frame = ByteBuffer.allocate(size);
            }
            if (frame.hasRemaining() && channel.read(frame) < 0)
            {
                throw new IOException("closed by the peer");
            }
            if (frame.hasRemaining())
            {
                return null;
            }
            final byte[] bytes = frame.array();
            frame = null;
            length.clear();
            return bytes;
        }

        void writeFrame(final byte[] bytes) throws IOException
        {
            final ByteBuffer out = ByteBuffer.allocate(Integer.BYTES +
                bytes.length).putInt(bytes.length).put(bytes).flip();
            channel.write(out);
            if (out.hasRemaining())
            {
                throw new IOException("the peer does not read its handshake");
            }
        }

        Object peer()
        {
            return channel.socket().getRemoteSocketAddress();
        }

        void close()
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignored)
            {
                // a socket we are dropping
            }
        }
    }
}
