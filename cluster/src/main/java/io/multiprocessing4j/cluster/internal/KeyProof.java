package io.multiprocessing4j.cluster.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * The driver's challenge to a member: fresh random bytes, answered with a sealed proof that the member holds the
 * cluster's key ({@link MemberRuntime#prove}). Not thread-safe; each is used once.
 */
public final class KeyProof implements Callable<byte[]>, IdentifiedDataSerializable, HazelcastInstanceAware
{
    private byte[] challenge;
    private transient HazelcastInstance member;

    public KeyProof()
    {
    }

    public KeyProof(final byte[] challenge)
    {
        this.challenge = challenge;
    }

    @Override
    public byte[] call()
    {
        return MemberRuntimes.of(member).prove(challenge, member.getCluster().getLocalMember().getUuid());
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
        return ClusterSerializers.KEY_PROOF;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeByteArray(challenge);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        challenge = in.readByteArray();
    }
}
