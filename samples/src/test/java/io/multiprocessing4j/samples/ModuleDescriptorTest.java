package io.multiprocessing4j.samples;

import io.multiprocessing4j.Pool;
import io.multiprocessing4j.shm.ShmContext;
import org.junit.jupiter.api.Test;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The library's two modules export their API packages and nothing else (the {@code internal} packages only to the
 * library itself), as built by this reactor and as a user on the module path would see them.
 */
class ModuleDescriptorTest
{
    private static ModuleDescriptor descriptorOf(final Class<?> type) throws URISyntaxException
    {
        final Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        return ModuleFinder.of(location).findAll().iterator().next().descriptor();
    }

    private static Set<String> exports(final ModuleDescriptor descriptor, final boolean qualified)
    {
        return descriptor.exports().stream().filter(export -> export.isQualified() == qualified)
            .map(export -> export.source() + (qualified ? " to " + new TreeSet<>(export.targets()) : ""))
            .collect(Collectors.toSet());
    }

    @Test
    void coreExportsOnlyItsApiAndThePoolsLinkToShmAndItsEngineToTheCluster() throws Exception
    {
        final ModuleDescriptor core = descriptorOf(Pool.class);
        assertEquals("io.multiprocessing4j", core.name());
        assertEquals(Set.of("io.multiprocessing4j", "io.multiprocessing4j.codec", "io.multiprocessing4j.function",
            "io.multiprocessing4j.manager"), exports(core, false));
        // SharedObject (shm) attaches a pool's WorkerLink by calling its public attach(handle); the cluster module is
        // a second engine behind Pool.
        assertEquals(Set.of(
            "io.multiprocessing4j.internal.pool to [io.multiprocessing4j.cluster, io.multiprocessing4j.shm]",
            "io.multiprocessing4j.internal.process to [io.multiprocessing4j.cluster]"), exports(core, true));
    }

    @Test
    void shmExportsOnlyItsApiAndItsInternalsToCore() throws Exception
    {
        final ModuleDescriptor shm = descriptorOf(ShmContext.class);
        assertEquals("io.multiprocessing4j.shm", shm.name());
        assertEquals(Set.of("io.multiprocessing4j.shm", "io.multiprocessing4j.shm.ring",
            "io.multiprocessing4j.shm.sync", "io.multiprocessing4j.shm.value"), exports(shm, false));
        assertEquals(Set.of("io.multiprocessing4j.shm.internal to [io.multiprocessing4j]"), exports(shm, true));
    }
}
