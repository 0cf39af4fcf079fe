/**
 * The Java twin of seed 003's example programs.
 */
package io.multiprocessing4j.samples.seed003;
