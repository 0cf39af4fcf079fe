package io.multiprocessing4j.function;

import java.io.Serializable;
import java.util.function.Supplier;

/**
 * Makes an instance of a type registered with a manager, in the manager's JVM: a lambda, method or
 * constructor reference typed as this interface is serializable.
 *
 * @param <T> what it makes.
 */
@FunctionalInterface
public interface ManagedFactory<T> extends Supplier<T>, Serializable
{
}
