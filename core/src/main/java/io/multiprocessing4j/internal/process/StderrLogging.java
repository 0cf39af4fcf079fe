package io.multiprocessing4j.internal.process;

import java.io.PrintStream;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Python's {@code log_to_stderr}: the {@code multiprocessing} {@link Logger} writes to standard error as
 * {@code [LEVEL/ProcessName] message}; child JVMs started afterwards install the same at start-up.
 * Thread-safe.
 */
public final class StderrLogging
{
    public static final String LOGGER_NAME = "multiprocessing";

    private static volatile String level = "";

    private StderrLogging()
    {
    }

    /**
     * @return the level children should install, or empty if {@link #install} was never called.
     */
    public static String level()
    {
        return level;
    }

    public static synchronized Logger install(final String levelName)
    {
        final Level parsed = Level.parse(levelName);
        final Logger logger = Logger.getLogger(LOGGER_NAME);
        for (final Handler handler : logger.getHandlers())
        {
            if (handler instanceof StderrHandler)
            {
                logger.removeHandler(handler);
            }
        }
        final StderrHandler handler = new StderrHandler();
        handler.setLevel(parsed);
        logger.addHandler(handler);
        logger.setLevel(parsed);
        logger.setUseParentHandlers(false);
        level = parsed.getName();
        return logger;
    }

    private static final class StderrHandler extends Handler
    {
        StderrHandler()
        {
            setFormatter(new Formatter()
            {
                public String format(final LogRecord record)
                {
                    return "[" + record.getLevel().getName() + "/" + CurrentProcess.get().info().name() + "] " +
                        formatMessage(record) + System.lineSeparator();
                }
            });
        }

        public void publish(final LogRecord record)
        {
            if (isLoggable(record))
            {
                final PrintStream err = System.err;
                err.print(getFormatter().format(record));
                if (null != record.getThrown())
                {
                    record.getThrown().printStackTrace(err);
                }
            }
        }

        public void flush()
        {
            System.err.flush();
        }

        public void close()
        {
            flush();
        }
    }
}
