package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.internal.value.ValueFormat;

/**
 * The records a pool and its workers exchange over a {@link WorkerLink}, each one ring message whose type
 * says which record it is. Little-endian, offsets from the start of the message.
 * <pre>
 * pool -> worker
 *   FUNCTION  0 function id (int) | 4 unused | 8 the function as SerializedFunctions encodes it ...
 *   TASK      0 task id (long) | 8 function id (int) | 12 unused | 16 values block (the arguments)
 *   STOP      empty: the worker ends
 *
 * worker -> pool
 *   RESULT    0 task id (long) | 8 run time in the worker, ns (long) | 16 values block (the results, WRITTEN,
 *             or FAILURE)
 *
 * values block (its kinds are ValueFormat's tags, and three of the pool's own, above ValueFormat.MAX_TAG)
 *   0 kind (int) | 4 count (int) | 8 payload:
 *     INTS      count x int          LONGS, DOUBLES   count x long, count x double (INT_ARRAY, ... payloads)
 *     LIST      count values as ValueFormat elements (its LIST payload starts at 4, with the count)
 *     RECORDS   count records of one class: its name and layout descriptor once, then the rows (its RECORDS
 *               payload starts at 4, with the count)
 *     OBJECTS   the codec's bytes of a list of count values, to the end of the message (a CODEC payload)
 *     SLICE     0 element kind (INTS, LONGS or DOUBLES) | 4 from (int) | 8 source array handle (string) |
 *               then target array handle (string, empty when results come back in the RESULT record)
 *     WRITTEN   nothing: the results are in the SLICE's target array
 *     FAILURE   the codec's bytes of what the function threw
 *   a string is its UTF-8 length (int) then its bytes.
 * </pre>
 * A function is sent to a worker once, before the first task that names it; a worker applies a task's
 * function to each argument in order. A SLICE names shared arrays, which the worker reads and writes in
 * place: no codec call for a map over primitives.
 */
public final class PoolRecordDescriptor
{
    public static final int FUNCTION = 1;
    public static final int TASK = 2;
    public static final int STOP = 3;
    public static final int RESULT = 4;

    public static final int FUNCTION_ID_OFFSET = 0;
    public static final int FUNCTION_BYTES_OFFSET = 8;

    public static final int TASK_ID_OFFSET = 0;
    public static final int TASK_FUNCTION_OFFSET = 8;
    public static final int TASK_VALUES_OFFSET = 16;

    public static final int RESULT_TASK_ID_OFFSET = 0;
    public static final int RESULT_RUN_NANOS_OFFSET = 8;
    public static final int RESULT_VALUES_OFFSET = 16;

    public static final int KIND_OFFSET = 0;
    public static final int COUNT_OFFSET = 4;
    public static final int PAYLOAD_OFFSET = 8;

    public static final int INTS = ValueFormat.INT_ARRAY;
    public static final int LONGS = ValueFormat.LONG_ARRAY;
    public static final int DOUBLES = ValueFormat.DOUBLE_ARRAY;
    public static final int LIST = ValueFormat.LIST;
    public static final int RECORDS = ValueFormat.RECORDS;
    public static final int OBJECTS = ValueFormat.CODEC;
    public static final int SLICE = ValueFormat.MAX_TAG + 1;
    public static final int WRITTEN = ValueFormat.MAX_TAG + 2;
    public static final int FAILURE = ValueFormat.MAX_TAG + 3;

    public static final int SLICE_ELEMENT_KIND_OFFSET = 0;
    public static final int SLICE_FROM_OFFSET = 4;
    public static final int SLICE_HANDLES_OFFSET = 8;

    private PoolRecordDescriptor()
    {
    }
}
