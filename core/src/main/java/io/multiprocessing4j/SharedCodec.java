package io.multiprocessing4j;

import io.multiprocessing4j.codec.ClassAllowList;
import io.multiprocessing4j.codec.Codec;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A channel's codec as its region keeps it, so that every process attaching to the channel decodes as its creator
 * chose: an {@code int} length, then UTF-8 {@code codecId|prefix,prefix,...} of at most {@value #MAX_BYTES} bytes.
 * The allow-list kept is the creator's, widened with the package of the code that created the channel. Stateless.
 */
final class SharedCodec
{
    static final int MAX_BYTES = 1024;
    /** Bytes the codec takes in a region. */
    static final int LENGTH = Integer.BYTES + MAX_BYTES;

    private SharedCodec()
    {
    }

    /**
     * @return what {@link #write} keeps for {@code codec}, widened with the creating code's package.
     * @throws IllegalArgumentException if the allow-list is too long to keep.
     */
    static byte[] spec(final Codec codec)
    {
        final Codec widened = codec.withAllowList(CallerPackage.widen(codec.allowList()));
        final byte[] spec = (widened.id() + "|" + String.join(",", widened.allowList().prefixes()))
            .getBytes(StandardCharsets.UTF_8);
        if (spec.length > MAX_BYTES)
        {
            throw new IllegalArgumentException("the codec's allow-list is too long to share (" + spec.length +
                " bytes, at most " + MAX_BYTES + "): " + codec.allowList());
        }
        return spec;
    }

    static void write(final UnsafeBuffer buffer, final int offset, final byte[] spec)
    {
        buffer.putInt(offset, spec.length);
        buffer.putBytes(offset + Integer.BYTES, spec);
    }

    /**
     * @param what the channel, as an exception about a corrupt region names it.
     */
    static Codec read(final UnsafeBuffer buffer, final int offset, final String what)
    {
        final int length = buffer.getInt(offset);
        if (length < 1 || length > MAX_BYTES)
        {
            throw new IllegalStateException("corrupt " + what + ": codec of " + length + " bytes");
        }
        final String spec = buffer.getStringWithoutLengthUtf8(offset + Integer.BYTES, length);
        final int bar = spec.indexOf('|');
        final List<String> prefixes = bar < 0 || bar == spec.length() - 1 ? List.of() :
            Arrays.asList(spec.substring(bar + 1).split(","));
        return Codec.create(bar < 0 ? spec : spec.substring(0, bar), ClassAllowList.of(prefixes));
    }
}
