/**
 * The Java twin of seed 004's example programs.
 */
package io.multiprocessing4j.samples.seed004;
