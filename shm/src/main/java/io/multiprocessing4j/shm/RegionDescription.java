package io.multiprocessing4j.shm;

import java.nio.file.Path;
import java.util.List;

/**
 * What a shared file's validated header says, read without mapping the file ({@link MappedRegion#describe}).
 * Immutable.
 *
 * @param fileBytes    the file's size on disk.
 * @param createdAtMs  wall-clock time of creation, epoch ms.
 * @param ready        false while its creator is still initialising it.
 * @param label        what its creator (or a later {@link MappedRegion#label(String)}) named it, "" for nothing.
 * @param parts        the structures in its data a tool can read.
 */
public record RegionDescription(Path path, RegionType type, int capacity, long creatorPid, long createdAtMs,
    long fileBytes, boolean ready, String label, List<RegionPart> parts)
{
}
