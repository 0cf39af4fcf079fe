/**
 * The shared-memory layer of multiprocessing4j: contexts and mapped regions, shared values and arrays, robust
 * synchronization words, and rings. On the class path this descriptor is ignored and every package is visible.
 */
module io.multiprocessing4j.shm
{
    requires transitive org.agrona;

    exports io.multiprocessing4j.shm;
    exports io.multiprocessing4j.shm.ring;
    exports io.multiprocessing4j.shm.sync;
    exports io.multiprocessing4j.shm.value;
    exports io.multiprocessing4j.shm.internal to io.multiprocessing4j;
}
