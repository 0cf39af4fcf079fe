package io.multiprocessing4j.tools;

import io.multiprocessing4j.shm.MappedRegion;
import io.multiprocessing4j.shm.RegionDescription;
import io.multiprocessing4j.shm.ShmException;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Locale;

/**
 * The value a single-value region holds right now, or an array's length, read through a validated attach.
 */
final class RegionValues
{
    private RegionValues()
    {
    }

    static String of(final RegionDescription description)
    {
        if (!description.ready())
        {
            return "";
        }
        final int elements = description.capacity() / description.type().elementSize();
        switch (description.type())
        {
            case INT, LONG, DOUBLE:
                break;
            case INT_ARRAY, LONG_ARRAY, DOUBLE_ARRAY, BYTE_ARRAY:
                return "  length " + elements;
            default:
                return "";
        }
        try (MappedRegion region = MappedRegion.attach(description.path(), description.type(), 0))
        {
            final UnsafeBuffer buffer = region.buffer();
            final int offset = region.dataOffset();
            return switch (description.type())
            {
                case INT -> "  value " + buffer.getIntVolatile(offset);
                case LONG -> "  value " + buffer.getLongVolatile(offset);
                default -> String.format(Locale.ROOT, "  value %s",
                    Double.longBitsToDouble(buffer.getLongVolatile(offset)));
            };
        }
        catch (final ShmException ex)
        {
            return "  (value unreadable: " + ex.getMessage() + ")";
        }
    }
}
