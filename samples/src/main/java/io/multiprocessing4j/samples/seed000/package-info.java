/**
 * The Java twin of seed 000's example programs.
 */
package io.multiprocessing4j.samples.seed000;
