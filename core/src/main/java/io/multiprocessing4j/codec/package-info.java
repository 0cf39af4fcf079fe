/**
 * How values that are not plain numbers, strings or arrays cross between JVMs: Apache Fory behind an allow-list
 * of class-name prefixes ({@code ClassAllowList}), or {@code java.io} serialization. A refused class gets a
 * {@code CodecException} that names it and the fix.
 */
package io.multiprocessing4j.codec;
