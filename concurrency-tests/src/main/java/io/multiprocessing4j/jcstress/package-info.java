/**
 * jcstress tests of the rings' memory ordering.
 */
package io.multiprocessing4j.jcstress;
