package dev.junction.journal.cli;

import dev.junction.core.auth.ResponseCodes;
import dev.junction.core.pipeline.EventKind;
import dev.junction.journal.InputRecord;
import dev.junction.journal.JournalReader;
import dev.junction.journal.OutcomeRecord;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.agrona.collections.Long2LongHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code junction journal stats}: what the journal holds, counted in one pass: events by kind,
 * requests by message class, answers by response code, approved amounts by currency, approvals flagged
 * for review and risk declines, the time span and the rate over time (events per bucket and the busiest second).
 */
@Command(name = "stats", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Count events by kind, requests by MTI, answers by response code, approved amounts by "
        + "currency, flagged approvals and risk declines; show the time span and the rate over time.",
        "Exit status: 0 done, 1 damaged journal, 2 usage error."})
final class StatsCommand extends ToolCommand
{
    @Option(names = "--format", defaultValue = "text", description = "text or json; default ${DEFAULT-VALUE}")
    DumpCommand.Format format;

    @Option(names = "--bucket-seconds", defaultValue = "60", paramLabel = "N",
        description = "width of a rate bucket in seconds; default ${DEFAULT-VALUE}")
    long bucketSeconds;

    @Override
    int execute(final PrintWriter out, final PrintWriter err, final Progress progress)
    {
        if (bucketSeconds < 1)
        {
            throw new UsageException("--bucket-seconds must be 1 or more: " + bucketSeconds);
        }
        final Tally tally = new Tally(bucketSeconds * 1_000_000_000L);
        try (JournalReader reader = JournalReader.open(dataDir, key))
        {
            reader.readEvents(Long.MIN_VALUE, (input, outcome) ->
            {
                progress.onRecord();
                tally.add(input, outcome);
                return true;
            });
        }
        if (format == DumpCommand.Format.json)
        {
            out.println(tally.json());
        }
        else
        {
            tally.text(out);
        }
        err.println("stats: " + Progress.count(progress.records()) + " events read in " + progress.elapsed());
        return JournalCommand.EXIT_OK;
    }

    /** The counts; sorted maps so that output is in a stable order. */
    private static final class Tally
    {
        private static final long NANOS_PER_SECOND = 1_000_000_000L;
        private static final int MTI_COUNT = 10_000;
        private static final int CODE_COUNT = 100;
        private static final int CURRENCY_COUNT = 1_000;

        private final long bucketNanos;
        private final RequestView request = new RequestView();
        private final long[] kinds = new long[EventKind.TICK + 1];
        /** Indexed by MTI (0 to 9999); arrays, so that counting allocates nothing per event. */
        private final long[] requestsByMti = new long[MTI_COUNT];
        private long undecodable;
        /** Indexed by response code (0 to 99); codes outside that count as none. */
        private final long[] answersByCode = new long[CODE_COUNT];
        private long unanswered;
        /** Indexed by ISO 4217 numeric currency (0 to 999). */
        private final long[] approvalsByCurrency = new long[CURRENCY_COUNT];
        private final long[] approvedMinorByCurrency = new long[CURRENCY_COUNT];
        private final Long2LongHashMap eventsPerBucket = new Long2LongHashMap(0);
        private final Long2LongHashMap eventsPerSecond = new Long2LongHashMap(0);
        private long events;
        private long firstSequence = -1;
        private long lastSequence = -1;
        private long firstNanos = Long.MAX_VALUE;
        private long lastNanos = Long.MIN_VALUE;
        private long malformed;
        private long withoutOutcome;
        /** Approvals whose risk score reached the review threshold. */
        private long flaggedApprovals;
        /** Requests declined on their risk score (59). */
        private long riskDeclines;

        Tally(final long bucketNanos)
        {
            this.bucketNanos = bucketNanos;
        }

        void add(final InputRecord input, final OutcomeRecord outcome)
        {
            events++;
            if (firstSequence < 0)
            {
                firstSequence = input.sequence();
            }
            lastSequence = input.sequence();
            final long nanos = input.ingressEpochNanos();
            firstNanos = Math.min(firstNanos, nanos);
            lastNanos = Math.max(lastNanos, nanos);
            eventsPerBucket.merge(Math.floorDiv(nanos, bucketNanos), 1, Long::sum);
            eventsPerSecond.merge(Math.floorDiv(nanos, NANOS_PER_SECOND), 1, Long::sum);
            kinds[input.kind()]++;
            if (outcome == null)
            {
                withoutOutcome++;
            }
            if (input.kind() != EventKind.REQUEST)
            {
                return;
            }
            request.wrap(input.payload(), input.payloadOffset(), input.payloadLength());
            if (!request.decoded())
            {
                malformed++;
            }
            final int mti = request.addressable() ? request.mti() : -1;
            if (mti >= 0 && mti < MTI_COUNT)
            {
                requestsByMti[mti]++;
            }
            else
            {
                undecodable++;
            }
            if (outcome == null)
            {
                return;
            }
            final int code = outcome.responseCode();
            if (code >= 0 && code < CODE_COUNT)
            {
                answersByCode[code]++;
            }
            else
            {
                unanswered++;
            }
            if (code == ResponseCodes.APPROVED && outcome.isFlaggedForReview())
            {
                flaggedApprovals++;
            }
            else if (code == ResponseCodes.SUSPECTED_FRAUD)
            {
                riskDeclines++;
            }
            final int currency = outcome.currencyCode();
            if (code == ResponseCodes.APPROVED && outcome.accountId() != 0 && currency >= 0 && currency < CURRENCY_COUNT)
            {
                approvalsByCurrency[currency]++;
                approvedMinorByCurrency[currency] += outcome.amountMinor();
            }
        }

        void text(final PrintWriter out)
        {
            out.printf("events            %s%s%n", Progress.count(events),
                events == 0 ? "" : "  (sequences " + firstSequence + ".." + lastSequence + ")");
            for (byte kind = EventKind.REQUEST; kind <= EventKind.TICK; kind++)
            {
                out.printf("  %-14s  %s%n", EventKind.name(kind), Progress.count(kinds[kind]));
            }
            if (withoutOutcome > 0)
            {
                out.printf("  without outcome %s (at the end: the switch stopped between the two appends)%n",
                    Progress.count(withoutOutcome));
            }
            if (events > 0)
            {
                out.printf("time span         %s .. %s (%s)%n", Formats.instant(firstNanos), Formats.instant(lastNanos),
                    duration(lastNanos - firstNanos));
            }
            out.println("requests by MTI" + (malformed > 0 ? " (" + Progress.count(malformed) + " malformed)" : ""));
            requestsByMti().forEach((mti, count) -> out.printf("  %-14s  %s%n", mti, Progress.count(count)));
            out.println("answers by response code");
            answersByCode().forEach((code, count) -> out.printf("  %-14s  %s%n", code, Progress.count(count)));
            out.println("approved by currency (amounts in minor units)");
            for (int currency = 0; currency < CURRENCY_COUNT; currency++)
            {
                if (approvalsByCurrency[currency] > 0)
                {
                    out.printf("  %03d             %s approvals, amount %s%n", currency,
                        Progress.count(approvalsByCurrency[currency]), Progress.count(approvedMinorByCurrency[currency]));
                }
            }
            out.printf("risk              %s flagged approvals, %s risk declines (59)%n", Progress.count(flaggedApprovals),
                Progress.count(riskDeclines));
            out.println("events per " + bucketNanos / NANOS_PER_SECOND + " s");
            for (final long bucket : sortedKeys(eventsPerBucket))
            {
                out.printf("  %s  %s%n", Formats.instant(bucket * bucketNanos), Progress.count(eventsPerBucket.get(bucket)));
            }
            final long peak = peakSecond();
            if (peak != Long.MIN_VALUE)
            {
                out.printf("peak second       %s, %s events%n", Formats.instant(peak * NANOS_PER_SECOND),
                    Progress.count(eventsPerSecond.get(peak)));
            }
        }

        String json()
        {
            final StringBuilder json = new StringBuilder(1024);
            json.append("{\"events\":").append(events);
            json.append(",\"first_sequence\":").append(firstSequence).append(",\"last_sequence\":").append(lastSequence);
            json.append(",\"kinds\":{");
            for (byte kind = EventKind.REQUEST; kind <= EventKind.TICK; kind++)
            {
                json.append(kind == EventKind.REQUEST ? "" : ",");
                EventFields.Json.quoted(json, EventKind.name(kind));
                json.append(':').append(kinds[kind]);
            }
            json.append("},\"without_outcome\":").append(withoutOutcome);
            if (events > 0)
            {
                json.append(",\"first_time\":\"").append(Formats.instant(firstNanos)).append('"');
                json.append(",\"last_time\":\"").append(Formats.instant(lastNanos)).append('"');
            }
            json.append(",\"malformed_requests\":").append(malformed);
            json.append(",\"requests_by_mti\":");
            counts(json, requestsByMti());
            json.append(",\"answers_by_response_code\":");
            counts(json, answersByCode());
            json.append(",\"approved_by_currency\":{");
            boolean first = true;
            for (int currency = 0; currency < CURRENCY_COUNT; currency++)
            {
                if (approvalsByCurrency[currency] > 0)
                {
                    json.append(first ? "" : ",");
                    first = false;
                    json.append(String.format("\"%03d\"", currency)).append(":{\"count\":")
                        .append(approvalsByCurrency[currency]).append(",\"amount_minor\":")
                        .append(approvedMinorByCurrency[currency]).append('}');
                }
            }
            json.append("},\"flagged_approvals\":").append(flaggedApprovals);
            json.append(",\"risk_declines\":").append(riskDeclines);
            json.append(",\"bucket_seconds\":").append(bucketNanos / NANOS_PER_SECOND).append(",\"events_per_bucket\":[");
            first = true;
            for (final long bucket : sortedKeys(eventsPerBucket))
            {
                json.append(first ? "" : ",");
                first = false;
                json.append("{\"start\":\"").append(Formats.instant(bucket * bucketNanos)).append("\",\"events\":")
                    .append(eventsPerBucket.get(bucket)).append('}');
            }
            json.append(']');
            final long peak = peakSecond();
            if (peak != Long.MIN_VALUE)
            {
                json.append(",\"peak_second\":{\"start\":\"").append(Formats.instant(peak * NANOS_PER_SECOND))
                    .append("\",\"events\":").append(eventsPerSecond.get(peak)).append('}');
            }
            return json.append('}').toString();
        }

        private Map<String, Long> requestsByMti()
        {
            final Map<String, Long> counts = new TreeMap<>();
            for (int mti = 0; mti < MTI_COUNT; mti++)
            {
                if (requestsByMti[mti] > 0)
                {
                    counts.put(Formats.mti(mti), requestsByMti[mti]);
                }
            }
            if (undecodable > 0)
            {
                counts.put("undecodable", undecodable);
            }
            return counts;
        }

        private Map<String, Long> answersByCode()
        {
            final Map<String, Long> counts = new TreeMap<>();
            for (int code = 0; code < CODE_COUNT; code++)
            {
                if (answersByCode[code] > 0)
                {
                    counts.put(Formats.responseCode(code), answersByCode[code]);
                }
            }
            if (unanswered > 0)
            {
                counts.put("none", unanswered);
            }
            return counts;
        }

        /** @return the busiest second (the earliest of equals), Long.MIN_VALUE when there is none. */
        private long peakSecond()
        {
            long peak = Long.MIN_VALUE;
            long peakCount = 0;
            for (final long second : sortedKeys(eventsPerSecond))
            {
                final long count = eventsPerSecond.get(second);
                if (count > peakCount)
                {
                    peak = second;
                    peakCount = count;
                }
            }
            return peak;
        }

        private static long[] sortedKeys(final Long2LongHashMap map)
        {
            final long[] keys = new long[map.size()];
            int i = 0;
            for (final Long2LongHashMap.KeyIterator it = map.keySet().iterator(); it.hasNext(); )
            {
                keys[i++] = it.nextValue();
            }
            Arrays.sort(keys);
            return keys;
        }

        private static void counts(final StringBuilder json, final Map<String, Long> counts)
        {
            json.append('{');
            boolean first = true;
            for (final Map.Entry<String, Long> entry : counts.entrySet())
            {
                json.append(first ? "" : ",");
                first = false;
                EventFields.Json.quoted(json, entry.getKey());
                json.append(':').append(entry.getValue());
            }
            json.append('}');
        }

        private static String duration(final long nanos)
        {
            final long seconds = nanos / NANOS_PER_SECOND;
            return String.format("%d h %02d m %02d s", seconds / 3600, seconds / 60 % 60, seconds % 60);
        }
    }
}
