package dev.junction.journal.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code junction journal}: the operator tools over a journal directory. Network's {@code junction}
 * command registers this class as a subcommand; tests and other callers use {@link #run}. Every tool
 * is read-only and answers bad input with one line on stderr:
 * exit 0 done, 1 a damaged or inconsistent journal (or a failed check), 2 a usage error, including a
 * {@code --data} directory that holds no journal.
 */
@Command(name = "journal", mixinStandardHelpOptions = true, versionProvider = JournalCommand.Version.class,
    subcommands = {VerifyCommand.class, ReplayCommand.class, DumpCommand.class, StatsCommand.class,
        SettleCommand.class, ReconcileCommand.class, SnapshotCommand.class},
    description = {"Inspect, verify, replay and settle a Junction journal. Read-only: the journal is never changed.",
        "Exit status: 0 done, 1 damaged or inconsistent journal (or a check failed), 2 usage error."})
public final class JournalCommand implements Runnable
{
    /** Exit status: the command did what it was asked and found the journal sound. */
    public static final int EXIT_OK = 0;
    /** Exit status: the journal is damaged or inconsistent, or a check (verify, replay) failed. */
    public static final int EXIT_BAD_JOURNAL = 1;
    /** Exit status: the command line is wrong, or {@code --data} holds no journal. */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * Runs {@code journal ARGS...} as {@code bin/junction journal ARGS...} would; returns the exit status.
     */
    public static int run(final PrintWriter out, final PrintWriter err, final String... args)
    {
        // A payment switch never phones home: set before any Chronicle class loads.
        System.setProperty("chronicle.analytics.disable", "true");
        final CommandLine commandLine = new CommandLine(new JournalCommand()).setOut(out).setErr(err);
        commandLine.setParameterExceptionHandler((ex, arguments) ->
        {
            err.println(errorPrefix(ex.getCommandLine().getCommandSpec()) + ": " + ex.getMessage() + " (see --help)");
            err.flush();
            return EXIT_USAGE;
        });
        commandLine.setExecutionExceptionHandler((ex, cl, parsed) ->
        {
            err.println(errorPrefix(cl.getCommandSpec()) + ": " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
            err.flush();
            return EXIT_BAD_JOURNAL;
        });
        return commandLine.execute(args);
    }

    /** @return how an error line starts: "junction journal verify", whoever registered the command. */
    static String errorPrefix(final CommandLine.Model.CommandSpec command)
    {
        final String name = command.qualifiedName();
        return name.startsWith("junction ") ? name : "junction " + name;
    }

    @Override
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version the build stamped into the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider
    {
        @Override
        public String[] getVersion()
        {
            final String version = JournalCommand.class.getPackage().getImplementationVersion();
            return new String[] {"Junction journal tools " + (version == null ? "(development build)" : version)};
        }
    }
}
