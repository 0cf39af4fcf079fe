package io.multiprocessing4j.cluster.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * What a driver asks of a member through Hazelcast's executor, as bytes and nothing else (no Java serialization):
 * a sealed chunk to run ({@link MemberRuntime#run}), or a key challenge to answer ({@link MemberRuntime#prove}).
 * Returns the member's sealed answer. Not thread-safe; each is used once.
 */
public final class MemberCall implements Callable<byte[]>, IdentifiedDataSerializable, HazelcastInstanceAware
{
    private static final byte CHUNK = 1;
    private static final byte PROOF = 2;

    private byte kind;
    private byte[] bytes;
    private transient HazelcastInstance member;

    /** For Hazelcast ({@link ClusterSerializers}). */
    public MemberCall()
    {
    }

    private MemberCall(final byte kind, final byte[] bytes)
    {
        this.kind = kind;
        this.bytes = bytes;
    }

    /**
     * @param sealed a task as {@link Envelopes#task} seals it.
     */
    public static MemberCall chunk(final byte[] sealed)
    {
        return new MemberCall(CHUNK, sealed);
    }

    /**
     * @param challenge fresh random bytes for the member to seal with its proof.
     */
    public static MemberCall proof(final byte[] challenge)
    {
        return new MemberCall(PROOF, challenge);
    }

    @Override
    public byte[] call()
    {
        final MemberRuntime runtime = MemberRuntimes.of(member);
        switch (kind)
        {
            case CHUNK:
                return runtime.run(bytes);
            case PROOF:
                return runtime.prove(bytes, member.getCluster().getLocalMember().getUuid());
            default:
                throw new IllegalStateException("corrupt member call: kind " + kind);
        }
    }

    @Override
    public void setHazelcastInstance(final HazelcastInstance instance)
    {
        member = instance;
    }

    @Override
    public int getFactoryId()
    {
        return ClusterSerializers.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return ClusterSerializers.MEMBER_CALL;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeByte(kind);
        out.writeByteArray(bytes);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        kind = in.readByte();
        bytes = in.readByteArray();
    }
}
