package io.multiprocessing4j.function;

import java.io.Serializable;

/**
 * What {@code Pool.map} applies to each element of a {@code double[]} or a shared double array: the elements are read
 * straight from shared memory and the results written straight back, with no codec call. A lambda typed as
 * this interface is serializable with what it captures.
 */
@FunctionalInterface
public interface PoolDoubleOperator extends Serializable
{
    double apply(double value) throws Exception;
}
