package dev.junction.network;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import dev.junction.journal.cli.JournalCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code junction}: the process entry point that {@code bin/junction} runs. Each operator action is a
 * subcommand; a usage error prints one line and exits 2, a start-up failure one line and exits 1.
 */
@Command(name = "junction", mixinStandardHelpOptions = true, versionProvider = JunctionCli.Version.class,
    subcommands = {StartCommand.class, JournalCommand.class},
    description = "Junction: a low-latency ISO 8583 payment switch.")
public final class JunctionCli implements Runnable
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(final String[] args)
    {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line; returns the exit code (tests call this instead of {@link #main}). */
    public static int run(final PrintWriter out, final PrintWriter err, final String... args)
    {
        // A payment switch never phones home: set before any Chronicle class loads.
        System.setProperty("chronicle.analytics.disable", "true");
        final CommandLine commandLine = new CommandLine(new JunctionCli()).setOut(out).setErr(err);
        final ConfigFile config;
        try
        {
            config = loadConfig(commandLine, args);
        }
        catch (final IllegalArgumentException e)
        {
            err.println("junction start: " + e.getMessage());
            err.flush();
            return 2;
        }
        commandLine.setParameterExceptionHandler((ex, arguments) ->
        {
            final String command = ex.getCommandLine().getCommandSpec().qualifiedName();
            final String origin = config == null || !(ex.getArgSpec() instanceof CommandLine.Model.OptionSpec option) ||
                isOnCommandLine(option.longestName(), arguments) ? null : config.describe(option.longestName());
            err.println(command + ": " + (origin == null ? "" : origin + ": ") + ex.getMessage() +
                " (try: " + command + " --help)");
            err.flush();
            return 2;
        });
        commandLine.setExecutionExceptionHandler((ex, cl, parsed) ->
        {
            err.println("junction: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
            err.flush();
            return 1;
        });
        return commandLine.execute(args);
    }

    /**
     * {@code start --config FILE}: the file's values become the start options' defaults before parsing, so the
     * command line still overrides each of them.
     */
    private static ConfigFile loadConfig(final CommandLine commandLine, final String[] args)
    {
        if (args.length == 0 || !args[0].equals("start"))
        {
            return null;
        }
        final Path file = ConfigFile.findConfigArgument(args);
        if (file == null)
        {
            return null;
        }
        final CommandLine start = commandLine.getSubcommands().get("start");
        final ConfigFile config = ConfigFile.load(file, start.getCommandSpec());
        start.setDefaultValueProvider(config);
        ((StartCommand)start.getCommand()).configFile(config);
        return config;
    }

    static boolean isOnCommandLine(final String optionName, final String[] args)
    {
        for (final String arg : args)
        {
            if (arg.equals("--"))
            {
                return false;
            }
            if (arg.equals(optionName) || arg.startsWith(optionName + "="))
            {
                return true;
            }
        }
        return false;
    }

    @Override
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version the build stamped into the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider
    {
        static String text()
        {
            final String version = JunctionCli.class.getPackage().getImplementationVersion();
            return version == null ? "development build" : version;
        }

        @Override
        public String[] getVersion()
        {
            return new String[] {"Junction " + text()};
        }
    }

    /** Blocks the main thread until the JVM's shutdown hook has stopped the server gracefully. */
    static void awaitShutdown(final JunctionServer server)
    {
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            server.close();
            stopped.countDown();
        }, "junction-shutdown"));
        try
        {
            stopped.await();
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
    }
}
