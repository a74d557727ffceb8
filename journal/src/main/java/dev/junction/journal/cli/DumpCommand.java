package dev.junction.journal.cli;

import dev.junction.core.iso.IsoFields;
import dev.junction.core.pipeline.EventKind;
import dev.junction.journal.InputRecord;
import dev.junction.journal.JournalReader;
import dev.junction.journal.OutcomeRecord;
import java.io.PrintWriter;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code junction journal dump}: prints inputs joined with their outcomes, one line each, filtered.
 * PANs are masked; payload bytes are never printed raw. The lines go to stdout, the summary to stderr
 * so that stdout stays pure data (text or JSON lines).
 */
@Command(name = "dump", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Print journaled events with their outcomes, one line each, as text or JSON lines. "
        + "Filters combine (all must match). PANs show their first six and last four digits only.",
        "Exit status: 0 done, 1 damaged journal, 2 usage error."})
final class DumpCommand extends ToolCommand
{
    enum Format
    {
        text, json
    }

    @Option(names = "--from", paramLabel = "SEQ", description = "first sequence to show")
    Long fromSequence;

    @Option(names = "--to", paramLabel = "SEQ", description = "last sequence to show")
    Long toSequence;

    @Option(names = "--since", paramLabel = "INSTANT", description = "events at or after this ingress time, e.g. 2026-11-21T12:00:00Z")
    Instant since;

    @Option(names = "--until", paramLabel = "INSTANT", description = "events at or before this ingress time")
    Instant until;

    @Option(names = "--rrn", description = "requests with this retrieval reference number (field 37)")
    String rrn;

    @Option(names = "--stan", description = "requests with this STAN (field 11), e.g. 42 or 000042")
    Long stan;

    @Option(names = "--terminal", description = "requests from this terminal id (field 41)")
    String terminal;

    @Option(names = "--merchant", description = "requests from this merchant id (field 42)")
    String merchant;

    @Option(names = "--response-code", paramLabel = "CODE", description = "events answered with this code, e.g. 00 or 51")
    String responseCode;

    @Option(names = "--kind", description = "request, admin, connect or disconnect")
    String kind;

    @Option(names = "--format", defaultValue = "text", description = "text or json (one object per line); default ${DEFAULT-VALUE}")
    Format format;

    @Override
    int execute(final PrintWriter out, final PrintWriter err, final Progress progress)
    {
        final Filter filter = new Filter();
        if (fromSequence != null && toSequence != null && toSequence < fromSequence)
        {
            throw new UsageException("--to " + toSequence + " is before --from " + fromSequence);
        }
        final RequestView request = new RequestView();
        final EventDescriber describer = new EventDescriber(request);
        final EventFields fields = format == Format.json ? new EventFields.Json() : new EventFields.Text();
        final long[] shown = new long[1];
        try (JournalReader reader = JournalReader.open(dataDir, key))
        {
            reader.readEvents(fromSequence == null ? Long.MIN_VALUE : fromSequence, (input, outcome) ->
            {
                if (toSequence != null && input.sequence() > toSequence)
                {
                    return false;
                }
                progress.onRecord();
                if (input.kind() == EventKind.REQUEST)
                {
                    request.wrap(input.payload(), input.payloadOffset(), input.payloadLength());
                }
                if (filter.matches(input, outcome, request))
                {
                    describer.describe(input, outcome, fields);
                    fields.end(out);
                    shown[0]++;
                }
                return true;
            });
        }
        finally
        {
            out.flush();
        }
        err.println("dump: " + Progress.count(shown[0]) + " of " + Progress.count(progress.records()) +
            " events shown, read in " + progress.elapsed());
        return JournalCommand.EXIT_OK;
    }

    /** Every filter given must match; request-field filters match requests only. */
    private final class Filter
    {
        private final long sinceNanos = since == null ? Long.MIN_VALUE : Formats.epochNanos(since);
        private final long untilNanos = until == null ? Long.MAX_VALUE : Formats.epochNanos(until);
        private final int code = responseCode == null ? Integer.MIN_VALUE : Formats.parseResponseCode(responseCode);
        private final byte kindByte = kind == null ? 0 : Formats.parseKind(kind);
        private final boolean requestFieldsOnly = rrn != null || stan != null || terminal != null || merchant != null;

        boolean matches(final InputRecord input, final OutcomeRecord outcome, final RequestView request)
        {
            final long time = input.ingressEpochNanos();
            if (time < sinceNanos || time > untilNanos)
            {
                return false;
            }
            if (kind != null && input.kind() != kindByte)
            {
                return false;
            }
            if (responseCode != null && (outcome == null || outcome.responseCode() != code))
            {
                return false;
            }
            if (!requestFieldsOnly)
            {
                return true;
            }
            if (input.kind() != EventKind.REQUEST || !request.addressable())
            {
                return false;
            }
            return (rrn == null || rrn.equals(request.text(IsoFields.RRN))) &&
                (stan == null || stan == request.numeric(IsoFields.STAN)) &&
                (terminal == null || terminal.equals(request.text(IsoFields.TERMINAL_ID))) &&
                (merchant == null || merchant.equals(request.text(IsoFields.MERCHANT_ID)));
        }
    }
}
