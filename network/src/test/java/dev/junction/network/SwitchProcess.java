package dev.junction.network;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The switch as a separate JVM, started as {@code bin/junction start} would start it (the test JVM's
 * Chronicle flags and class path), so that a test can kill it with SIGKILL and start it again on the
 * same data directory. Its stderr is appended to a log file in the test's directory; every line it
 * prints on stdout is kept ({@link #output()}).
 */
final class SwitchProcess
{
    private static final Pattern LISTENING = Pattern.compile("ISO 8583\\s+127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final int port;
    private final List<String> banner;
    private final List<String> output;

    private SwitchProcess(final Process process, final int port, final List<String> banner, final List<String> output)
    {
        this.process = process;
        this.port = port;
        this.banner = banner;
        this.output = output;
    }

    /** Starts {@code junction start ARGS...} on a free port and returns once it printed "ready". */
    static SwitchProcess start(final Path log, final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String flag : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (flag.startsWith("--add-") || flag.startsWith("-Dchronicle"))
            {
                command.add(flag);
            }
        }
        command.addAll(List.of("-Xmx256m", "-cp", System.getProperty("java.class.path"), JunctionCli.class.getName(),
            "start", "--port", "0", "--admin-port", "0"));
        if (!List.of(args).contains("--warm-up-ms"))
        {
            // These tests are about other things: no 3-s warm-up for each (ProcessTest starts with the default).
            command.addAll(List.of("--warm-up-ms", "0"));
        }
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        final BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8));
        final List<String> banner = new ArrayList<>();
        Integer port = null;
        String line;
        while ((line = out.readLine()) != null)
        {
            banner.add(line);
            final Matcher matcher = LISTENING.matcher(line);
            if (matcher.find())
            {
                port = Integer.parseInt(matcher.group(1));
            }
            if (line.equals("ready"))
            {
                break;
            }
        }
        if (port == null || line == null)
        {
            process.destroyForcibly();
            throw new IOException("the switch did not start (see " + log + "): " + banner);
        }
        final List<String> output = java.util.Collections.synchronizedList(new ArrayList<>(banner));
        final Thread drain = new Thread(() -> drain(out, output), "switch-stdout");
        drain.setDaemon(true);
        drain.start();
        return new SwitchProcess(process, port, banner, output);
    }

    int port()
    {
        return port;
    }

    List<String> banner()
    {
        return banner;
    }

    /** @return every line printed on stdout so far, the banner first. */
    List<String> output()
    {
        synchronized (output)
        {
            return List.copyOf(output);
        }
    }

    /** @return the operating system's id of the switch's process (to read its /proc entries). */
    long pid()
    {
        return process.pid();
    }

    /** SIGKILL: the process gets no chance to run a shutdown hook or flush anything. */
    void kill() throws InterruptedException
    {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS))
        {
            throw new IllegalStateException("the switch survived SIGKILL");
        }
    }

    /** SIGTERM: the graceful stop. @return the exit status. */
    int stop() throws InterruptedException
    {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            throw new IllegalStateException("the switch did not stop on SIGTERM");
        }
        return process.exitValue();
    }

    /** Keeps the pipe empty so the switch never blocks writing to it, and keeps what it printed. */
    private static void drain(final BufferedReader out, final List<String> output)
    {
        try
        {
            String line;
            while ((line = out.readLine()) != null)
            {
                output.add(line);
            }
        }
        catch (final IOException closed)
        {
            // The process ended.
        }
    }
}
