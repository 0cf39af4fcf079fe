package io.multiprocessing4j.function;

import java.io.Serializable;

/**
 * What a {@code SharedBarrier} runs once per generation, in whichever process arrives last, before any party
 * is released (Python's {@code Barrier(parties, action)}). A lambda or method reference typed as this
 * interface is serializable with what it captures, which is how it reaches every process.
 */
@FunctionalInterface
public interface BarrierAction extends Serializable
{
    void run() throws Exception;
}
