package dev.junction.journal.cli;

import dev.junction.journal.JournalKey;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The journal key, as the switch runs with it ({@code --journal-key-file} or {@code --journal-key-env}):
 * every tool that reads payloads of an encrypted journal (or its snapshots) needs it, and says so in one
 * line when it is missing or another key.
 */
final class JournalKeyOptions
{
    @Option(names = "--journal-key-file", paramLabel = "FILE",
        description = "file holding the journal key (32 bytes as 64 hex digits or base64), for an encrypted journal")
    Path keyFile;

    @Option(names = "--journal-key-env", paramLabel = "NAME",
        description = "environment variable holding the journal key, instead of --journal-key-file")
    String keyEnv;

    /**
     * @return the key named, null when neither option was given.
     * @throws ToolCommand.UsageException naming the option when both are given or the key cannot be read.
     */
    JournalKey key()
    {
        if (keyFile != null && keyEnv != null)
        {
            throw new ToolCommand.UsageException("give --journal-key-file or --journal-key-env, not both");
        }
        try
        {
            if (keyFile != null)
            {
                return JournalKey.fromFile(keyFile);
            }
            return keyEnv == null ? null : JournalKey.fromEnvironment(keyEnv, System.getenv());
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ToolCommand.UsageException((keyFile != null ? "--journal-key-file: " : "--journal-key-env: ") +
                ex.getMessage());
        }
    }
}
