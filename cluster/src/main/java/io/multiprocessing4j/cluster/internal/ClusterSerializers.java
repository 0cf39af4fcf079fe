package io.multiprocessing4j.cluster.internal;

import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/**
 * Makes the only object of ours that Hazelcast carries, by id: no class name on the wire, no Java serialization.
 * Stateless.
 */
public final class ClusterSerializers implements DataSerializableFactory
{
    /** "mp4j". */
    public static final int FACTORY_ID = 0x6d70346a;
    public static final int MEMBER_CALL = 1;

    @Override
    public IdentifiedDataSerializable create(final int classId)
    {
        return MEMBER_CALL == classId ? new MemberCall() : null;
    }
}
