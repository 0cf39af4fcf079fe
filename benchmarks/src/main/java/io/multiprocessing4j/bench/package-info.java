/**
 * JMH benchmarks of the library and of raw Agrona and Chronicle Queue for comparison.
 */
package io.multiprocessing4j.bench;
