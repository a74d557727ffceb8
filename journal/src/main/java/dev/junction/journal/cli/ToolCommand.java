package dev.junction.journal.cli;

import dev.junction.journal.JournalException;
import dev.junction.journal.JournalFiles;
import dev.junction.journal.JournalKey;
import dev.junction.journal.JournalKeyException;
import dev.junction.journal.JournalNotFoundException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What every journal tool shares: {@code --data}, {@code --progress} and the journal key options, and
 * the rule that a failure is one line on stderr and an exit status, never a stack trace. A missing or
 * wrong journal key is a usage error (exit 2).
 */
abstract class ToolCommand implements Callable<Integer>
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
        description = "data directory; the journal is in DIR/journal (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--progress", negatable = true,
        description = "show progress on stderr every second (default: only when stderr is a terminal)")
    Boolean progress;

    @Mixin
    JournalKeyOptions journalKeyOptions = new JournalKeyOptions();

    /** The journal key from the options, null when none was given; set before {@link #execute} runs. */
    JournalKey key;

    @Override
    public final Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final String prefix = JournalCommand.errorPrefix(spec);
        try
        {
            key = journalKeyOptions.key();
            JournalFiles.requireNoEmptyCycleFile(dataDir);
            return execute(out, err, new Progress(err, prefix, progress != null ? progress : Progress.stderrIsTerminal()));
        }
        catch (final UsageException | JournalNotFoundException | JournalKeyException ex)
        {
            return fail(err, prefix, ex.getMessage(), JournalCommand.EXIT_USAGE);
        }
        catch (final JournalException ex)
        {
            return fail(err, prefix, ex.getMessage(), JournalCommand.EXIT_BAD_JOURNAL);
        }
        catch (final OutOfMemoryError ex)
        {
            return fail(err, prefix, "out of heap (at most " + Runtime.getRuntime().maxMemory() / (1024 * 1024) +
                " MB): the authorizer's tables follow --account-capacity, --card-capacity, --transaction-capacity " +
                "and --duplicate-window; name what the switch runs with, or give the JVM more heap " +
                "(JUNCTION_JAVA_OPTS=-Xmx...)", JournalCommand.EXIT_USAGE);
        }
        catch (final InternalError ex)
        {
            // The JVM's answer to a read past the end of a memory-mapped file (SIGBUS).
            return fail(err, prefix, "cannot read the journal in " + dataDir + ": a queue file ends before its " +
                "data, truncated or damaged (" + oneLine(ex) + ")", JournalCommand.EXIT_BAD_JOURNAL);
        }
        catch (final RuntimeException ex)
        {
            // Chronicle reading a damaged file can fail in ways the journal's checks never see.
            return fail(err, prefix, "cannot read the journal in " + dataDir + ": " + oneLine(ex),
                JournalCommand.EXIT_BAD_JOURNAL);
        }
        finally
        {
            out.flush();
            err.flush();
        }
    }

    /** Does the work; returns the exit status. */
    abstract int execute(PrintWriter out, PrintWriter err, Progress progress);

    private int fail(final PrintWriter err, final String prefix, final String message, final int status)
    {
        spec.commandLine().getOut().flush();
        err.println(prefix + ": " + firstLine(message));
        return status;
    }

    static String oneLine(final Throwable ex)
    {
        return ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + firstLine(ex.getMessage()));
    }

    private static String firstLine(final String message)
    {
        if (message == null)
        {
            return "(no message)";
        }
        final int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }

    /** A combination of options that cannot work: exit 2 with its message. */
    static final class UsageException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        UsageException(final String message)
        {
            super(message);
        }
    }
}
