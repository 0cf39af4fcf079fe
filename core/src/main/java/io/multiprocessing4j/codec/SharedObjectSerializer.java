package io.multiprocessing4j.codec;

import io.multiprocessing4j.JoinableQueue;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.value.SharedObject;
import org.apache.fory.Fory;
import org.apache.fory.config.Config;
import org.apache.fory.context.ReadContext;
import org.apache.fory.context.WriteContext;
import org.apache.fory.serializer.Serializer;
import org.apache.fory.serializer.collection.CollectionSerializers;

import java.util.Collection;
import java.util.List;

/**
 * Writes a shared value or array as its handle and attaches to it when read, so that it reaches another JVM
 * as the same shared memory rather than a copy. Thread-safe (stateless).
 */
final class SharedObjectSerializer<T extends SharedObject> extends Serializer<T>
{
    /** Shared objects that are also collections, which Fory serializes only with a collection serializer. */
    private static final List<Class<? extends SharedObject>> COLLECTION_TYPES = List.of(SharedQueue.class,
        JoinableQueue.class);

    private SharedObjectSerializer(final Config config, final Class<T> type)
    {
        super(config, type);
    }

    /**
     * Every shared object class travels by handle, except the collections, which Fory serializes only with a
     * collection serializer (their {@code writeReplace} sends the handle).
     */
    static void register(final Fory fory)
    {
        for (final Class<? extends SharedObject> type : COLLECTION_TYPES)
        {
            fory.registerSerializer(type, resolver -> new CollectionSerializers.JDKCompatibleCollectionSerializer<>(
                resolver, type));
        }
        fory.registerSerializerFactory((resolver, type) ->
            SharedObject.class.isAssignableFrom(type) && !Collection.class.isAssignableFrom(type) ?
                new SharedObjectSerializer<>(fory.getConfig(), type.asSubclass(SharedObject.class)) : null);
    }

    public void write(final WriteContext context, final T value)
    {
        context.writeString(value.transferHandle().toString());
    }

    public T read(final ReadContext context)
    {
        return type.cast(SharedObject.attach(SharedHandle.parse(context.readString()), type.getName()));
    }
}
