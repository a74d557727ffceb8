package dev.junction.benchmarks;

import java.util.Arrays;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Setup;

/**
 * The base of every Junction benchmark: the one place that says how a benchmark's JVM is forked. The
 * fork gets the JVM flags Chronicle Queue and Agrona need on Java 17+ (the root pom's
 * {@code junction.jvm.flags}, which a test holds this list to). {@link Fork} is inherited, so a
 * benchmark extends this class and declares no {@code @Fork} of its own, which would replace this one
 * and drop the flags.
 */
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
    "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED",
    "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
    "-Dchronicle.analytics.disable=true",
    "-Dchronicle.announcer.disable=true"})
public abstract class ForkedBenchmark
{
    /** @return the flags every fork starts with, as the {@link Fork} annotation above lists them. */
    public static String[] jvmFlags()
    {
        final String[] flags = ForkedBenchmark.class.getAnnotation(Fork.class).jvmArgsAppend();
        return Arrays.copyOf(flags, flags.length);
    }

    /**
     * Fails the trial at once, with the flag's name, when the JVM lacks a module flag: for example when
     * {@code -jvmArgsAppend} on the command line replaced the annotation's list. Without this check
     * Chronicle fails later with a misleading "Can't append to a read-only chronicle".
     */
    @Setup
    public void requireJvmFlags()
    {
        final Module unnamed = ForkedBenchmark.class.getModule();
        for (final String flag : jvmFlags())
        {
            final boolean opens = flag.startsWith("--add-opens=");
            if (!opens && !flag.startsWith("--add-exports="))
            {
                continue;
            }
            final String target = flag.substring(flag.indexOf('=') + 1, flag.lastIndexOf('='));
            final String packageName = target.substring(target.indexOf('/') + 1);
            final Module module = ModuleLayer.boot().findModule(target.substring(0, target.indexOf('/'))).orElse(null);
            if (module != null && !(opens ? module.isOpen(packageName, unnamed) : module.isExported(packageName, unnamed)))
            {
                throw new IllegalStateException("this JVM was started without " + flag +
                    ": pass the flags of ForkedBenchmark (the root pom's junction.jvm.flags)");
            }
        }
    }
}
