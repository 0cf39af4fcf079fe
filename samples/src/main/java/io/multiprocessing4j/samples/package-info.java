/**
 * The samples: one program per seed example, run with {@code java -jar mp4j-samples.jar NAME}.
 */
package io.multiprocessing4j.samples;
