/**
 * The Java twin of seed 001's example programs.
 */
package io.multiprocessing4j.samples.seed001;
