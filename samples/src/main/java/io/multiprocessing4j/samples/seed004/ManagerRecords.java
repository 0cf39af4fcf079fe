package io.multiprocessing4j.samples.seed004;

import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.manager.Manager;

import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.List;
import java.util.Map;

/**
 * Seed 004, a server process: a list of records lives in a manager process; one child JVM adds a record,
 * a second prints them all.
 * <pre>
 * with multiprocessing.Manager() as manager:
 *     records = manager.list([('Sam', 10), ('Adam', 9), ('Kevin',9)])
 *     p1 = multiprocessing.Process(target=insert_record, args=(new_record, records))
 *     p2 = multiprocessing.Process(target=print_records, args=(records,))
 * </pre>
 */
public final class ManagerRecords
{
    private ManagerRecords()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        try (Manager manager = Manager.start())
        {
            // creating a list in server process memory
            final List<Map.Entry<String, Integer>> records =
                manager.list(List.of(record("Sam", 10), record("Adam", 9), record("Kevin", 9)));
            // new record to be inserted in records
            final Map.Entry<String, Integer> newRecord = record("Jeff", 8);

            // creating new processes
            final JvmProcess p1 = new JvmProcess(() -> insertRecord(newRecord, records));
            final JvmProcess p2 = new JvmProcess(() -> printRecords(records));

            // running process p1 to insert new record
            p1.start();
            p1.join();

            // running process p2 to print records
            p2.start();
            p2.join();
        }
    }

    /** Python's tuple {@code ('Sam', 10)}. */
    static Map.Entry<String, Integer> record(final String name, final int score)
    {
        return new SimpleImmutableEntry<>(name, score);
    }

    static void printRecords(final List<Map.Entry<String, Integer>> records)
    {
        for (final Map.Entry<String, Integer> record : records)
        {
            System.out.printf("Name: %s%nScore: %d%n%n", record.getKey(), record.getValue());
        }
    }

    static void insertRecord(final Map.Entry<String, Integer> record, final List<Map.Entry<String, Integer>> records)
    {
        records.add(record);
        System.out.println("New record added!\n");
    }
}
