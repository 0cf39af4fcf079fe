package io.multiprocessing4j.function;

import java.io.Serializable;

/**
 * What {@code Pool.map} applies to each element of a {@code int[]} or a shared int array: the elements are read
 * straight from shared memory and the results written straight back, with no codec call. A lambda typed as
 * this interface is serializable with what it captures.
 */
@FunctionalInterface
public interface PoolIntOperator extends Serializable
{
    int apply(int value) throws Exception;
}
