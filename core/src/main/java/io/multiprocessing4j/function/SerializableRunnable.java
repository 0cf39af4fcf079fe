package io.multiprocessing4j.function;

import java.io.Serializable;

/**
 * A {@link Runnable} that can be sent to another JVM: a lambda or method reference typed as this interface
 * is serializable, with the values it captures. The other JVM must run the same build of the classes.
 */
@FunctionalInterface
public interface SerializableRunnable extends Runnable, Serializable
{
}
