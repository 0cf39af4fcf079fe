/**
 * The user project as a named module, for the module-path run: it needs the library and nothing else, and opens
 * nothing to it.
 */
module com.example.app
{
    requires io.multiprocessing4j;
}
