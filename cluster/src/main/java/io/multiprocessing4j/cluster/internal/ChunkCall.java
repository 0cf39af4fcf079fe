package io.multiprocessing4j.cluster.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * One chunk of a pool call, as Hazelcast's executor carries it to a member: the sealed task array and nothing else
 * (no Java serialization). On the member it hands the array to the {@link MemberRuntime} and returns the sealed
 * result. Not thread-safe; each is used once.
 */
public final class ChunkCall implements Callable<byte[]>, IdentifiedDataSerializable, HazelcastInstanceAware
{
    private byte[] task;
    private transient HazelcastInstance member;

    public ChunkCall()
    {
    }

    public ChunkCall(final byte[] task)
    {
        this.task = task;
    }

    @Override
    public byte[] call()
    {
        return MemberRuntimes.of(member).run(task);
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
        return ClusterSerializers.CHUNK_CALL;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeByteArray(task);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        task = in.readByteArray();
    }
}
