package dev.junction.journal.cli;

import dev.junction.core.auth.AuthorizationIds;
import dev.junction.core.auth.Authorizer;
import dev.junction.core.auth.AuthorizerConfig;
import dev.junction.core.auth.Decision;
import dev.junction.core.auth.Limits;
import dev.junction.core.auth.StateDigest;
import dev.junction.core.iso.IsoFields;
import dev.junction.core.iso.IsoMessage;
import dev.junction.core.pipeline.EventKind;
import dev.junction.core.pipeline.Replayer;
import dev.junction.core.pipeline.ResponseEncoder;
import dev.junction.core.pipeline.TransactionEvent;
import dev.junction.journal.InputRecord;
import dev.junction.journal.JournalReader;
import dev.junction.journal.JournalRecovery;
import dev.junction.journal.SnapshotStore;
import dev.junction.journal.OutcomeRecord;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code junction journal replay}: rebuilds the state from the input journal with core's
 * {@link Authorizer} through its {@link Replayer}, exactly as start-up recovery does, and holds every
 * decision and every re-encoded response ({@link ResponseEncoder}, as the responder stage encodes it)
 * against the journaled outcome, byte for byte. Prints the state digest; the first difference stops
 * the replay and is named, with exit status 1.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Rebuild the state from the input journal with the switch's own authorizer, compare each "
        + "decision and response with the journaled outcome byte for byte, and print the state digest.",
        "Exit status: 0 every outcome matches, 1 a difference or a damaged journal, 2 usage error."})
final class ReplayCommand extends ToolCommand
{
    @Option(names = "--to-sequence", paramLabel = "SEQ", description = "stop after the input with this sequence")
    Long toSequence;

    @Option(names = "--to-time", paramLabel = "INSTANT",
        description = "stop after the last input at or before this ingress time, e.g. 2026-11-21T12:00:00Z")
    Instant toTime;

    @Option(names = "--from-snapshot",
        description = "start from the newest valid snapshot in DIR/snapshots (taken with the same limits) and "
            + "compare only the events after it")
    boolean fromSnapshot;

    @Mixin
    AuthorizerOptions limits = new AuthorizerOptions();

    @Override
    int execute(final PrintWriter out, final PrintWriter err, final Progress progress)
    {
        final AuthorizerConfig config = limits.config();
        final SnapshotStore.Restored restored = fromSnapshot ? new SnapshotStore(dataDir, key).restoreNewest(config,
            Math.min(toSequence == null ? Long.MAX_VALUE : toSequence, JournalRecovery.snapshotLimit(dataDir, key)),
            warning -> err.println("warning: " + warning)) : null;
        final Authorizer authorizer = restored == null ? new Authorizer(config) : restored.authorizer();
        final Replayer replayer = restored == null ? new Replayer(authorizer) :
            new Replayer(authorizer, restored.snapshot().sequence());
        if (fromSnapshot)
        {
            out.println(restored == null ? "snapshot   none usable: replaying the whole journal" :
                "snapshot   " + restored.snapshot().file().getFileName() + " (state up to sequence " +
                Progress.count(restored.snapshot().sequence()) + ")");
        }
        final Comparison comparison = new Comparison(replayer, progress,
            toSequence == null ? Long.MAX_VALUE : toSequence,
            toTime == null ? Long.MAX_VALUE : Formats.epochNanos(toTime));
        try (JournalReader reader = JournalReader.open(dataDir, key))
        {
            reader.readEvents(replayer.lastSequence() + 1, comparison::onEvent);
        }
        final long applied = comparison.replayer.applied();
        out.printf("replayed   %s events%s in %s, %s events/s%n", Progress.count(applied),
            applied == 0 ? "" : " (sequences " + comparison.firstSequence + ".." + comparison.replayer.lastSequence() + ")",
            progress.elapsed(), progress.rate(applied));
        if (comparison.stoppedBy != null)
        {
            out.println("stopped    " + comparison.stoppedBy);
        }
        if (comparison.withoutOutcome > 0)
        {
            out.println("note       the last " + Progress.count(comparison.withoutOutcome) + " input(s) have no " +
                "journaled outcome (the switch stopped between the two appends): applied, not compared");
        }
        out.printf("state      %s accounts, %s cards, digest %s%n", Progress.count(authorizer.accounts().count()),
            Progress.count(authorizer.cards().count()), StateDigest.hex(authorizer.digest()));
        if (comparison.mismatch != null)
        {
            out.println("outcomes   MISMATCH after " + Progress.count(comparison.compared - 1) + " matching: " +
                comparison.mismatch);
            err.println(JournalCommand.errorPrefix(spec) + ": " + comparison.mismatch);
            return JournalCommand.EXIT_BAD_JOURNAL;
        }
        out.println("outcomes   " + Progress.count(comparison.compared) + " compared byte for byte: all match");
        return JournalCommand.EXIT_OK;
    }

    /** Applies each input and compares the decision and the response with the journaled outcome. */
    private static final class Comparison
    {
        private final Replayer replayer;
        private final Progress progress;
        private final long toSequence;
        private final long toNanos;
        private final ResponseEncoder encoder = new ResponseEncoder();
        private final IsoMessage request = new IsoMessage();
        private final UnsafeBuffer response = new UnsafeBuffer(new byte[TransactionEvent.RESPONSE_CAPACITY]);
        private final RequestView view = new RequestView();
        private long firstSequence = -1;
        private long compared;
        private long withoutOutcome;
        private String stoppedBy;
        private String mismatch;

        Comparison(final Replayer replayer, final Progress progress, final long toSequence, final long toNanos)
        {
            this.replayer = replayer;
            this.progress = progress;
            this.toSequence = toSequence;
            this.toNanos = toNanos;
        }

        boolean onEvent(final InputRecord input, final OutcomeRecord outcome)
        {
            final long sequence = input.sequence();
            if (sequence > toSequence)
            {
                stoppedBy = "after sequence " + replayer.lastSequence() + " (--to-sequence " + toSequence + ")";
                return false;
            }
            if (input.ingressEpochNanos() > toNanos)
            {
                stoppedBy = "after sequence " + replayer.lastSequence() + " (--to-time " + Formats.instant(toNanos) +
                    "; sequence " + sequence + " came in at " + Formats.instant(input.ingressEpochNanos()) + ")";
                return false;
            }
            progress.onRecord();
            if (firstSequence < 0)
            {
                firstSequence = sequence;
            }
            final DirectBuffer payload = input.payload();
            final Decision decision = replayer.apply(sequence, input.kind(), input.ingressEpochNanos(),
                input.connectionId(), payload, input.payloadOffset(), input.payloadLength());
            int responseLength = 0;
            if (input.kind() == EventKind.REQUEST && decision.hasResponse())
            {
                request.wrap(payload, input.payloadOffset(), input.payloadLength());
                responseLength = encoder.encode(request, decision, response, 0);
            }
            if (outcome == null)
            {
                withoutOutcome++;
                return true;
            }
            compared++;
            final String differences = differences(decision, responseLength, outcome);
            if (differences != null)
            {
                mismatch = "sequence " + sequence + " " + describe(input) + " differs from the journal: " + differences;
                return false;
            }
            return true;
        }

        /** @return the fields that differ, null when none; allocates only then. */
        private String differences(final Decision replayed, final int responseLength, final OutcomeRecord journaled)
        {
            if (replayed.responseMti() == journaled.responseMti() &&
                replayed.responseCode() == journaled.responseCode() &&
                replayed.authorizationId() == journaled.authorizationId() &&
                replayed.accountId() == journaled.accountId() &&
                replayed.amountMinor() == journaled.amountMinor() &&
                replayed.currencyCode() == journaled.currencyCode() &&
                replayed.balanceAfterMinor() == journaled.balanceAfterMinor() &&
                replayed.holdsAfterMinor() == journaled.holdsAfterMinor() &&
                replayed.adminResult() == journaled.adminResult() &&
                sameDecisionDetail(replayed, journaled) &&
                firstDifferentByte(responseLength, journaled) < 0)
            {
                return null;
            }
            final List<String> found = new ArrayList<>();
            differ(found, "response MTI", Formats.mti(replayed.responseMti()), Formats.mti(journaled.responseMti()));
            differ(found, "response code", Formats.responseCode(replayed.responseCode()),
                Formats.responseCode(journaled.responseCode()));
            differ(found, "auth id", authId(replayed.authorizationId()), authId(journaled.authorizationId()));
            differ(found, "account", replayed.accountId(), journaled.accountId());
            differ(found, "amount", replayed.amountMinor(), journaled.amountMinor());
            differ(found, "currency", replayed.currencyCode(), journaled.currencyCode());
            differ(found, "balance", replayed.balanceAfterMinor(), journaled.balanceAfterMinor());
            differ(found, "holds", replayed.holdsAfterMinor(), journaled.holdsAfterMinor());
            differ(found, "admin result", Formats.adminResult(replayed.adminResult()),
                Formats.adminResult(journaled.adminResult()));
            differ(found, "available", replayed.availableAfterMinor(), journaled.availableAfterMinor());
            differ(found, "balance delta", replayed.balanceDeltaMinor(), journaled.balanceDeltaMinor());
            differ(found, "holds delta", replayed.holdsDeltaMinor(), journaled.holdsDeltaMinor());
            differ(found, "expired holds", replayed.expiredHoldsMinor(), journaled.expiredHoldsMinor());
            differ(found, "original auth id", authId(replayed.originalAuthorizationId()),
                authId(journaled.originalAuthorizationId()));
            differ(found, "duplicate", replayed.isDuplicate(), journaled.isDuplicate());
            differ(found, "balance inquiry", replayed.isBalanceInquiry(), journaled.isBalanceInquiry());
            differ(found, "account type", replayed.accountType(), journaled.accountType());
            differ(found, "rules version", replayed.rulesVersion(), journaled.rulesVersion());
            differ(found, "risk score", replayed.riskScore(), journaled.riskScore());
            differ(found, "risk reasons", Formats.riskReasons(replayed.riskReasons()),
                Formats.riskReasons(journaled.riskReasons()));
            differ(found, "flagged for review", replayed.isFlaggedForReview(), journaled.isFlaggedForReview());
            differ(found, "limit rule", Limits.name(replayed.limitRule()), Limits.name(journaled.limitRule()));
            differ(found, "billing amount", replayed.billingAmountMinor(), journaled.billingAmountMinor());
            differ(found, "billing currency", replayed.billingCurrencyCode(), journaled.billingCurrencyCode());
            differ(found, "conversion rate", replayed.conversionRate(), journaled.conversionRate());
            final int at = firstDifferentByte(responseLength, journaled);
            if (at >= 0)
            {
                found.add("response bytes differ at offset " + at + " (replayed " + responseLength +
                    " bytes, journaled " + journaled.responseLength() + ")");
            }
            return String.join("; ", found);
        }

        /** @return whether the values format version 3 added are equal; allocates nothing. */
        private static boolean sameDecisionDetail(final Decision replayed, final OutcomeRecord journaled)
        {
            return replayed.availableAfterMinor() == journaled.availableAfterMinor() &&
                replayed.balanceDeltaMinor() == journaled.balanceDeltaMinor() &&
                replayed.holdsDeltaMinor() == journaled.holdsDeltaMinor() &&
                replayed.expiredHoldsMinor() == journaled.expiredHoldsMinor() &&
                replayed.originalAuthorizationId() == journaled.originalAuthorizationId() &&
                replayed.isDuplicate() == journaled.isDuplicate() &&
                replayed.isBalanceInquiry() == journaled.isBalanceInquiry() &&
                replayed.accountType() == journaled.accountType() &&
                replayed.rulesVersion() == journaled.rulesVersion() &&
                replayed.riskScore() == journaled.riskScore() &&
                replayed.riskReasons() == journaled.riskReasons() &&
                replayed.isFlaggedForReview() == journaled.isFlaggedForReview() &&
                replayed.limitRule() == journaled.limitRule() &&
                replayed.billingAmountMinor() == journaled.billingAmountMinor() &&
                replayed.billingCurrencyCode() == journaled.billingCurrencyCode() &&
                replayed.conversionRate() == journaled.conversionRate();
        }

        /** @return the first offset where the responses differ (a length difference counts), -1 when equal. */
        private int firstDifferentByte(final int responseLength, final OutcomeRecord journaled)
        {
            final int journaledLength = journaled.responseLength();
            final int common = Math.min(responseLength, journaledLength);
            final DirectBuffer journaledBytes = journaled.response();
            final int journaledOffset = journaled.responseOffset();
            for (int i = 0; i < common; i++)
            {
                if (response.getByte(i) != journaledBytes.getByte(journaledOffset + i))
                {
                    return i;
                }
            }
            return responseLength == journaledLength ? -1 : common;
        }

        private String describe(final InputRecord input)
        {
            if (input.kind() != EventKind.REQUEST)
            {
                return "(" + EventKind.name(input.kind()) + ")";
            }
            view.wrap(input.payload(), input.payloadOffset(), input.payloadLength());
            if (!view.addressable())
            {
                return "(request, undecodable)";
            }
            final String stan = view.text(IsoFields.STAN);
            return "(request " + Formats.mti(view.mti()) + (stan == null ? "" : ", stan " + stan) + ")";
        }

        private static String authId(final long id)
        {
            return id == 0 ? "none" : AuthorizationIds.text(id);
        }

        private static void differ(final List<String> found, final String name, final Object replayed,
            final Object journaled)
        {
            if (!replayed.equals(journaled))
            {
                found.add(name + " replayed " + replayed + ", journaled " + journaled);
            }
        }
    }
}
