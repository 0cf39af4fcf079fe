/**
 * The pool engine behind {@code Pool} and {@code ProcessPoolExecutor}. Not API. {@link
 * io.multiprocessing4j.internal.pool.LocalPool} puts it together; each class has one job and at most one lock:
 * <ul>
 *   <li>{@code PoolSettings}: what the pool was built with; {@code FunctionTable}: each function encoded once;
 *       {@code TaskRecords}: arguments cut into TASK records ({@code PoolRecordDescriptor}, {@code PoolValues});</li>
 *   <li>{@code TaskDispatcher}: the task queue, each worker's window, the inline limit, the pool's phase (the
 *       one lock that says who holds what); {@code TaskSender}: ring writes, after that lock is let go;</li>
 *   <li>{@code ResultCollector}: an Agrona {@code Agent} reading results and exits, run by its own thread or by a
 *       caller waiting in {@code get} ({@code CollectingFuture}); {@code WorkerSupervisor}: parallel starts,
 *       replacements, timeouts, with {@code RetryPolicy} deciding a dead worker's tasks;</li>
 *   <li>{@code PoolJob}: one call's results, callbacks and progress; {@code StreamingResults}: {@code imap};
 *       {@code SpareArrays}: shared arrays for maps of plain arrays;</li>
 *   <li>the worker's side: {@code PoolWorker} and its {@code WorkerLink}.</li>
 * </ul>
 * No lock is held during a JVM start, a ring send or a user callback.
 */
package io.multiprocessing4j.internal.pool;
