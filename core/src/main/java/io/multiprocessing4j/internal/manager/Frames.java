package io.multiprocessing4j.internal.manager;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A remote manager's socket framing (a 4-byte length, then the bytes; at most {@value #MAX_FRAME}) and its
 * authentication, Python's {@code deliver_challenge}/{@code answer_challenge} with HMAC-SHA256: each side
 * proves it knows the key by answering a fresh random challenge from the other, before anything is decoded.
 */
final class Frames
{
    static final int MAX_FRAME = 64 << 20;
    static final int CHALLENGE_BYTES = 32;
    static final byte[] WELCOME = "#WELCOME#".getBytes();
    static final byte[] FAILURE = "#FAILURE#".getBytes();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Frames()
    {
    }

    static void write(final DataOutputStream out, final byte[] bytes) throws IOException
    {
        out.writeInt(bytes.length);
        out.write(bytes);
        out.flush();
    }

    /**
     * @throws EOFException at the end of the stream.
     * @throws IOException  naming the length if it is negative or past {@value #MAX_FRAME}.
     */
    static byte[] read(final DataInputStream in, final int maxLength) throws IOException
    {
        final int length = in.readInt();
        if (length < 0 || length > maxLength)
        {
            throw new IOException("frame of " + length + " bytes refused (at most " + maxLength + ")");
        }
        final byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    /**
     * The client's side: answers the server's challenge, then challenges it ({@link HandshakeListener} runs
     * the server's).
     *
     * @throws AuthenticationFailure if the peer does not know the key (it is told, and learns nothing else).
     */
    static void authenticateAsClient(final DataInputStream in, final DataOutputStream out, final byte[] key)
        throws IOException
    {
        answer(in, out, key);
        challenge(in, out, key);
    }

    private static void challenge(final DataInputStream in, final DataOutputStream out, final byte[] key)
        throws IOException
    {
        final byte[] challenge = newChallenge();
        write(out, challenge);
        final byte[] answer = read(in, 64);
        if (!MessageDigest.isEqual(answer, hmac(key, challenge)))
        {
            write(out, FAILURE);
            throw new AuthenticationFailure("the peer answered the challenge with the wrong key");
        }
        write(out, WELCOME);
    }

    private static void answer(final DataInputStream in, final DataOutputStream out, final byte[] key)
        throws IOException
    {
        final byte[] challenge = read(in, 64);
        if (CHALLENGE_BYTES != challenge.length)
        {
            throw new AuthenticationFailure("the peer sent a malformed challenge");
        }
        write(out, hmac(key, challenge));
        if (!Arrays.equals(WELCOME, read(in, 64)))
        {
            throw new AuthenticationFailure("the peer refused our key");
        }
    }

    static byte[] newChallenge()
    {
        final byte[] challenge = new byte[CHALLENGE_BYTES];
        RANDOM.nextBytes(challenge);
        return challenge;
    }

    static byte[] hmac(final byte[] key, final byte[] message)
    {
        try
        {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("HmacSHA256 is not available: " + ex, ex);
        }
    }

    /**
     * The peer does not know the key.
     */
    static final class AuthenticationFailure extends IOException
    {
        private static final long serialVersionUID = 1L;

        AuthenticationFailure(final String message)
        {
            super(message);
        }
    }
}
