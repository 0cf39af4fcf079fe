/**
 * multiprocessing4j: Python's {@code multiprocessing} for Java. Exports the API packages only; the
 * {@code internal} packages are not API. On the class path this descriptor is ignored.
 */
module io.multiprocessing4j
{
    requires transitive io.multiprocessing4j.shm;
    requires org.apache.fory.core;
    requires org.slf4j;
    requires java.logging;
    requires java.management;
    requires jdk.unsupported;
    requires jdk.jfr;

    exports io.multiprocessing4j;
    exports io.multiprocessing4j.codec;
    exports io.multiprocessing4j.function;
    exports io.multiprocessing4j.manager;
    // SharedObject (in shm) attaches a shared object of this module by calling its class's public attach(handle);
    // the cluster module (io.multiprocessing4j.cluster) is a second engine behind Pool.
    exports io.multiprocessing4j.internal.pool to io.multiprocessing4j.shm, io.multiprocessing4j.cluster;
    exports io.multiprocessing4j.internal.process to io.multiprocessing4j.cluster;
}
