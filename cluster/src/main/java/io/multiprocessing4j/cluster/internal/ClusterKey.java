package io.multiprocessing4j.cluster.internal;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The cluster's shared key: HMAC-SHA256 over what crosses the network, one domain byte first so that a code made
 * for one purpose (a task, a result, a proof) is never valid for another; and the Hazelcast cluster name derived
 * from the user's name and the key, so that a process holding another key does not even join. Thread-safe (a
 * {@link Mac} per thread).
 */
public final class ClusterKey
{
    public static final int MAC_LENGTH = 32;
    public static final byte TASK = 'T';
    public static final byte RESULT = 'R';
    public static final byte PROOF = 'P';
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    public ClusterKey(final byte[] key)
    {
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
        macs = ThreadLocal.withInitial(this::newMac);
    }

    /**
     * @return the name Hazelcast knows the cluster by: {@code name}, then the start of a code of it under the key.
     */
    public String clusterName(final String name)
    {
        final byte[] bytes = ("mp4j-cluster-name:" + name).getBytes(StandardCharsets.UTF_8);
        return name + "-" + HexFormat.of().formatHex(mac(PROOF, bytes, 0, bytes.length), 0, 8);
    }

    /**
     * @return the code of {@code bytes[offset, offset + length)} under the key, for {@code domain}.
     */
    public byte[] mac(final byte domain, final byte[] bytes, final int offset, final int length)
    {
        final Mac mac = macs.get();
        mac.update(domain);
        mac.update(bytes, offset, length);
        return mac.doFinal();
    }

    /**
     * Writes the code of {@code sealed[MAC_LENGTH, end)} into {@code sealed[0, MAC_LENGTH)}.
     */
    public void seal(final byte domain, final byte[] sealed)
    {
        System.arraycopy(mac(domain, sealed, MAC_LENGTH, sealed.length - MAC_LENGTH), 0, sealed, 0, MAC_LENGTH);
    }

    /**
     * @return whether {@code sealed} starts with the code of the rest of it, compared in constant time.
     */
    public boolean verify(final byte domain, final byte[] sealed)
    {
        if (null == sealed || sealed.length < MAC_LENGTH)
        {
            return false;
        }
        final byte[] expected = mac(domain, sealed, MAC_LENGTH, sealed.length - MAC_LENGTH);
        final byte[] given = new byte[MAC_LENGTH];
        System.arraycopy(sealed, 0, given, 0, MAC_LENGTH);
        return MessageDigest.isEqual(expected, given);
    }

    private Mac newMac()
    {
        try
        {
            final Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException(ALGORITHM + " is not available in this JVM", ex);
        }
    }
}
