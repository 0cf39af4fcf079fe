package io.multiprocessing4j.cluster.internal;

import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/**
 * Makes the only objects of ours that Hazelcast carries, by id: no class name on the wire, no Java serialization.
 * Stateless.
 */
public final class ClusterSerializers implements DataSerializableFactory
{
    /** "mp4j". */
    public static final int FACTORY_ID = 0x6d70346a;
    public static final int CHUNK_CALL = 1;
    public static final int KEY_PROOF = 2;

    @Override
    public IdentifiedDataSerializable create(final int classId)
    {
        switch (classId)
        {
            case CHUNK_CALL:
                return new ChunkCall();
            case KEY_PROOF:
                return new KeyProof();
            default:
                return null;
        }
    }
}
