package io.multiprocessing4j.internal.process;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The records a child JVM writes to its standard error for its parent, between the user's own output:
 * {@code MARKER type length payload}. The marker carries the token the parent gave the child, so output
 * that merely looks like a record is passed through. Writing them to stderr, which the parent reads
 * anyway, costs the child nothing to set up. Stateless.
 * <pre>
 * MARKER  "\0MP4J:" + 16 hex digits of the token + ":"   (23 bytes)
 * type    1 byte: {@link #HELLO} (length 0) or {@link #EXIT}
 * length  4 bytes, big-endian
 * payload EXIT: int exitCode, int n, n bytes of the exception (java.io), int m, m bytes of it as a
 *         RemoteProcessException (java.io)
 * </pre>
 */
final class ControlRecord
{
    static final byte HELLO = 1;
    static final byte EXIT = 2;
    static final int MARKER_LENGTH = 23;
    static final int HEADER_LENGTH = MARKER_LENGTH + 1 + 4;
    static final int MAX_PAYLOAD = 16 * 1024 * 1024;

    private ControlRecord()
    {
    }

    static byte[] marker(final long token)
    {
        final String hex = Long.toHexString(token);
        return ("\0MP4J:" + "0".repeat(16 - hex.length()) + hex + ":").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] hello(final long token)
    {
        return record(token, HELLO, new byte[0]);
    }

    static byte[] exit(final long token, final ExitStatus status)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            out.writeInt(status.exitCode());
            out.writeInt(status.exception().length);
            out.write(status.exception());
            out.writeInt(status.remoteException().length);
            out.write(status.remoteException());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return record(token, EXIT, bytes.toByteArray());
    }

    private static byte[] record(final long token, final byte type, final byte[] payload)
    {
        final byte[] record = new byte[HEADER_LENGTH + payload.length];
        System.arraycopy(marker(token), 0, record, 0, MARKER_LENGTH);
        record[MARKER_LENGTH] = type;
        final int length = payload.length;
        record[MARKER_LENGTH + 1] = (byte)(length >>> 24);
        record[MARKER_LENGTH + 2] = (byte)(length >>> 16);
        record[MARKER_LENGTH + 3] = (byte)(length >>> 8);
        record[MARKER_LENGTH + 4] = (byte)length;
        System.arraycopy(payload, 0, record, HEADER_LENGTH, length);
        return record;
    }
}
