package io.multiprocessing4j.internal.process;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a parent tells a child JVM on its standard input: who the child is and what it runs. Immutable.
 * <p>
 * The target is either a {@link #TARGET_REFERENCE reference} to a method (a serializable lambda or method
 * reference, {@link #reference named} as its {@link java.lang.invoke.SerializedLambda} names it, with its captured
 * values encoded as {@link io.multiprocessing4j.internal.value.PlainValues} or by the codec), or an
 * {@link #TARGET_OBJECT object} of class {@link #objectClass} (a {@code JvmProcess} subclass, or a target that is
 * not a lambda), encoded as {@link TargetFields} or whole by the codec.
 */
public final class ChildSpec
{
    public static final int MAGIC = 0x4D50344A;
    public static final byte TARGET_REFERENCE = 1;
    public static final byte TARGET_OBJECT = 2;
    static final int MAX_LENGTH = 256 * 1024 * 1024;

    final String name;
    final String identity;
    final boolean daemon;
    final String parentName;
    final long parentPid;
    final String codecId;
    final List<String> allowList;
    final String logLevel;
    final byte targetKind;
    /**
     * The lambda's method, for a {@link #TARGET_REFERENCE}; else {@code null}.
     */
    final TargetReference.Name reference;
    /**
     * The target's class, for a {@link #TARGET_OBJECT}; else {@code null}.
     */
    final String objectClass;
    final byte[] payload;
    /**
     * The target's class as the parent knows it (not sent): what {@code WARM} JVMs started later preload.
     */
    final String targetClass;

    ChildSpec(
        final String name,
        final String identity,
        final boolean daemon,
        final String parentName,
        final long parentPid,
        final String codecId,
        final List<String> allowList,
        final String logLevel,
        final byte targetKind,
        final TargetReference.Name reference,
        final String objectClass,
        final byte[] payload,
        final String targetClass)
    {
        this.name = name;
        this.identity = identity;
        this.daemon = daemon;
        this.parentName = parentName;
        this.parentPid = parentPid;
        this.codecId = codecId;
        this.allowList = List.copyOf(allowList);
        this.logLevel = logLevel;
        this.targetKind = targetKind;
        this.reference = reference;
        this.objectClass = objectClass;
        this.payload = payload;
        this.targetClass = targetClass;
    }

    byte[] encode()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + payload.length);
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            out.writeInt(MAGIC);
            out.writeUTF(name);
            out.writeUTF(identity);
            out.writeBoolean(daemon);
            out.writeUTF(parentName);
            out.writeLong(parentPid);
            out.writeUTF(codecId);
            out.writeInt(allowList.size());
            for (final String prefix : allowList)
            {
                out.writeUTF(prefix);
            }
            out.writeUTF(logLevel);
            out.writeByte(targetKind);
            if (TARGET_REFERENCE == targetKind)
            {
                reference.write(out);
            }
            else
            {
                out.writeUTF(objectClass);
            }
            out.writeInt(payload.length);
            out.write(payload);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    static ChildSpec decode(final byte[] bytes) throws IOException
    {
        final DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        final int magic = in.readInt();
        if (MAGIC != magic)
        {
            throw new IOException("not a child spec: magic " + Integer.toHexString(magic));
        }
        final String name = in.readUTF();
        final String identity = in.readUTF();
        final boolean daemon = in.readBoolean();
        final String parentName = in.readUTF();
        final long parentPid = in.readLong();
        final String codecId = in.readUTF();
        final int prefixes = in.readInt();
        if (prefixes < 0 || prefixes > 10_000)
        {
            throw new IOException("corrupt child spec: " + prefixes + " allow-list entries");
        }
        final List<String> allowList = new ArrayList<>(prefixes);
        for (int i = 0; i < prefixes; i++)
        {
            allowList.add(in.readUTF());
        }
        final String logLevel = in.readUTF();
        final byte targetKind = in.readByte();
        TargetReference.Name reference = null;
        String objectClass = null;
        if (TARGET_REFERENCE == targetKind)
        {
            reference = TargetReference.Name.read(in);
        }
        else if (TARGET_OBJECT == targetKind)
        {
            objectClass = in.readUTF();
        }
        else
        {
            throw new IOException("corrupt child spec: target kind " + targetKind);
        }
        final int length = in.readInt();
        if (length < 0 || length > bytes.length)
        {
            throw new IOException("corrupt child spec: payload length " + length);
        }
        final byte[] payload = new byte[length];
        in.readFully(payload);
        return new ChildSpec(name, identity, daemon, parentName, parentPid, codecId, allowList, logLevel,
            targetKind, reference, objectClass, payload, "");
    }
}
