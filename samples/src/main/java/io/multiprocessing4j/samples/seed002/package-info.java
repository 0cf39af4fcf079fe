/**
 * The Java twin of seed 002's example programs.
 */
package io.multiprocessing4j.samples.seed002;
