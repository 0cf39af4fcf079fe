/**
 * The {@code mp} command line: {@code mp shm ls|stat|rm} on contexts and regions, and {@code mp bench}.
 */
package io.multiprocessing4j.tools;
