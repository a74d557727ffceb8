package dev.junction.journal.cli;

import dev.junction.core.auth.Decision;
import dev.junction.core.auth.ResponseCodes;
import dev.junction.core.iso.IsoFields;
import dev.junction.core.pipeline.EventKind;
import dev.junction.core.refdata.AdminRecords;
import dev.junction.journal.InputRecord;
import dev.junction.journal.JournalCorruptException;
import dev.junction.journal.JournalReader;
import dev.junction.journal.OutcomeRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.agrona.collections.Long2LongHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code junction journal settle --day D}: the settlement of one business day ({@code BusinessDay}
 * decides which events belong to it), per acquirer (field 32) and merchant (field 42), in each
 * currency apart, as CSV on stdout:
 * <pre>
 * level,business_date,acquirer,merchant,currency,purchases,purchase_minor,completions,completion_minor,
 * refunds,refund_minor,reversals,reversal_minor,fee_minor,net_minor
 * </pre>
 * {@code level} is {@code merchant} for an acquirer's merchant, {@code acquirer} for an acquirer's total
 * (merchant {@code *}) and {@code total} for the day's total in a currency (acquirer and merchant
 * {@code *}); an absent field 32 or 42 shows as {@code -}. What is settled is what moved cardholders'
 * money that day, read from the journaled outcomes (each account's balance after an event against its
 * balance before it):
 * <ul>
 *   <li>purchases: approved 0200s (processing code 00 or 01), the amount debited;</li>
 *   <li>completions: approved 0220/0221 advices, the amount captured;</li>
 *   <li>refunds: approved 0200s with processing code 20, the amount credited;</li>
 *   <li>reversals: approved 04xx that moved money, what they gave back to cardholders (a reversed posting
 *       counts positive, a reversed refund negative); a reversal that only released a hold moves no
 *       money and is not settled, nor is an 0100's hold;</li>
 *   <li>a repeated answer to a duplicate moves nothing and is never counted twice;</li>
 *   <li>fees ({@link FeeTable}) on each purchase and completion, by the request's merchant category
 *       (field 18); refunds and reversals carry none and return none;</li>
 *   <li>{@code net_minor = purchase_minor + completion_minor - refund_minor - reversal_minor - fee_minor}:
 *       what the switch owes the acquirer for the merchant.</li>
 * </ul>
 * The totals balance to the ledger: in each currency, {@code net_minor + fee_minor} of the total row is
 * exactly what the day's requests took from cardholders' balances (an operator's account adjustment is
 * no acquirer's to settle: it is followed, not counted). The tool checks this itself and exits
 * 1 when an event moved money in a way it cannot settle. Amounts are in the minor units of the account's
 * currency, the currency the ledger moved.
 */
@Command(name = "settle", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Settle one business day: counts and amounts of purchases, completions, refunds and reversals, "
        + "fees and the net position per acquirer and merchant, per currency, as CSV.",
        "Exit status: 0 done, 1 damaged journal or totals that do not balance, 2 usage error (a bad day or fee file)."})
final class SettleCommand extends ToolCommand
{
    static final String HEADER = "level,business_date,acquirer,merchant,currency,purchases,purchase_minor,completions,"
        + "completion_minor,refunds,refund_minor,reversals,reversal_minor,fee_minor,net_minor";
    private static final int TYPE_REFUND = 20;
    private static final String ABSENT = "-";
    private static final String ALL = "*";

    @Option(names = "--day", required = true, paramLabel = "YYYYMMDD", description = "the business date to settle")
    String day;

    @Option(names = "--fees", paramLabel = "FILE",
        description = "fee table CSV: mcc,percent_bp,fixed_minor with a default row * (default: no fees)")
    Path feesFile;

    @Override
    int execute(final PrintWriter out, final PrintWriter err, final Progress progress)
    {
        final int date = BusinessDays.parseDay(day);
        final FeeTable fees = feesFile == null ? FeeTable.none() : FeeTable.read(feesFile);
        final Settlement settlement = new Settlement(fees);
        final BusinessDays days = new BusinessDays(date, progress, settlement::onEventOfDay);
        try (JournalReader reader = JournalReader.open(dataDir, key))
        {
            reader.readEvents(Long.MIN_VALUE, (input, outcome) ->
            {
                settlement.track(input, outcome);
                return days.onEvent(input, outcome);
            });
        }
        days.requireDayFound();
        final String imbalance = settlement.imbalance();
        settlement.print(out, date);
        out.flush();
        err.println("settle: business day " + date + ": " + days.describe() + "; " +
            Progress.count(settlement.settled) + " transactions settled" + (feesFile == null ? ", no fee table: fees 0" : "") +
            "; read in " + progress.elapsed());
        if (imbalance != null)
        {
            err.println(JournalCommand.errorPrefix(spec) + ": the settlement does not balance to the ledger: " + imbalance);
            return JournalCommand.EXIT_BAD_JOURNAL;
        }
        return JournalCommand.EXIT_OK;
    }

    /** One line of the CSV: the counts and amounts of a merchant, an acquirer or the day, in one currency. */
    static final class Totals
    {
        long purchases;
        long purchaseMinor;
        long completions;
        long completionMinor;
        long refunds;
        long refundMinor;
        long reversals;
        long reversalMinor;
        long feeMinor;

        long netMinor()
        {
            return purchaseMinor + completionMinor - refundMinor - reversalMinor - feeMinor;
        }

        void add(final Totals other)
        {
            purchases += other.purchases;
            purchaseMinor += other.purchaseMinor;
            completions += other.completions;
            completionMinor += other.completionMinor;
            refunds += other.refunds;
            refundMinor += other.refundMinor;
            reversals += other.reversals;
            reversalMinor += other.reversalMinor;
            feeMinor += other.feeMinor;
        }
    }

    /** Keeps every account's balance across the whole journal and tallies the day's movements. */
    private static final class Settlement
    {
        private static final long UNKNOWN = Long.MIN_VALUE;

        private final FeeTable fees;
        private final RequestView request = new RequestView();
        private final Long2LongHashMap balances = new Long2LongHashMap(UNKNOWN);
        /** acquirer → merchant → currency → totals; sorted, so the output is in a stable order. */
        private final Map<String, Map<String, Map<Integer, Totals>>> byAcquirer = new TreeMap<>();
        /** currency → what the day's events moved on cardholders' balances (credits positive). */
        private final Map<Integer, Long> ledgerMovementMinor = new TreeMap<>();
        private long balanceDeltaMinor;
        private long settled;

        Settlement(final FeeTable fees)
        {
            this.fees = fees;
        }

        /** Follows every event's effect on its account's balance; sets {@link #balanceDeltaMinor}. */
        void track(final InputRecord input, final OutcomeRecord outcome)
        {
            balanceDeltaMinor = 0;
            if (outcome == null)
            {
                return;
            }
            if (input.kind() == EventKind.ADMIN && outcome.adminResult() == Decision.ADMIN_CREATED &&
                AdminRecords.type(input.payload(), input.payloadOffset(), input.payloadLength()) == AdminRecords.TYPE_ACCOUNT &&
                input.payloadLength() == AdminRecords.ACCOUNT_LENGTH)
            {
                balances.put(AdminRecords.accountId(input.payload(), input.payloadOffset()),
                    AdminRecords.accountBalanceMinor(input.payload(), input.payloadOffset()));
                return;
            }
            if (input.kind() == EventKind.ADMIN && outcome.accountId() != 0)
            {
                // An operator's account adjustment: it moves a balance, but no acquirer settles it.
                balances.put(outcome.accountId(), outcome.balanceAfterMinor());
                return;
            }
            if (input.kind() != EventKind.REQUEST || outcome.accountId() == 0)
            {
                return;
            }
            final long before = balances.get(outcome.accountId());
            if (before == UNKNOWN)
            {
                throw new JournalCorruptException("sequence " + input.sequence() + " names account " +
                    outcome.accountId() + ", which no earlier admin record created");
            }
            balanceDeltaMinor = outcome.balanceAfterMinor() - before;
            balances.put(outcome.accountId(), outcome.balanceAfterMinor());
        }

        /** An event of the day: counts what it moved. */
        boolean onEventOfDay(final InputRecord input, final OutcomeRecord outcome)
        {
            if (outcome == null || input.kind() != EventKind.REQUEST || balanceDeltaMinor == 0)
            {
                return true;
            }
            ledgerMovementMinor.merge(outcome.currencyCode(), balanceDeltaMinor, Long::sum);
            if (outcome.responseCode() != ResponseCodes.APPROVED)
            {
                return true;
            }
            request.wrap(input.payload(), input.payloadOffset(), input.payloadLength());
            if (!request.addressable())
            {
                return true;
            }
            final int mti = request.mti();
            final long processingCode = request.numeric(IsoFields.PROCESSING_CODE);
            final long delta = balanceDeltaMinor;
            final Totals totals = totals(request, outcome.currencyCode());
            if (mti == 200 && processingCode / 10_000 == TYPE_REFUND && delta > 0)
            {
                totals.refunds++;
                totals.refundMinor += delta;
            }
            else if (mti == 200 && processingCode >= 0 && processingCode / 10_000 <= 1 && delta < 0)
            {
                totals.purchases++;
                totals.purchaseMinor -= delta;
                totals.feeMinor += fees.feeMinor(mcc(), -delta);
            }
            else if ((mti == 220 || mti == 221) && delta < 0)
            {
                totals.completions++;
                totals.completionMinor -= delta;
                totals.feeMinor += fees.feeMinor(mcc(), -delta);
            }
            else if (mti / 100 == 4)
            {
                totals.reversals++;
                totals.reversalMinor += delta;
            }
            else
            {
                return true;
            }
            settled++;
            return true;
        }

        /** @return null when every currency's settled amounts equal its ledger movement, else what differs. */
        String imbalance()
        {
            final Map<Integer, Totals> byCurrency = dayTotals();
            final StringBuilder problems = new StringBuilder();
            for (final Map.Entry<Integer, Long> movement : ledgerMovementMinor.entrySet())
            {
                final Totals totals = byCurrency.get(movement.getKey());
                final long settledMinor = totals == null ? 0 : totals.netMinor() + totals.feeMinor;
                if (settledMinor != -movement.getValue())
                {
                    problems.append(problems.length() == 0 ? "" : "; ").append(String.format(
                        "currency %03d: settled %d, cardholders' balances moved %d", movement.getKey(), settledMinor,
                        movement.getValue()));
                }
            }
            return problems.length() == 0 ? null : problems.toString();
        }

        void print(final PrintWriter out, final int date)
        {
            out.println(HEADER);
            for (final Map.Entry<String, Map<String, Map<Integer, Totals>>> acquirer : byAcquirer.entrySet())
            {
                final Map<Integer, Totals> acquirerTotals = new TreeMap<>();
                for (final Map.Entry<String, Map<Integer, Totals>> merchant : acquirer.getValue().entrySet())
                {
                    for (final Map.Entry<Integer, Totals> currency : merchant.getValue().entrySet())
                    {
                        line(out, "merchant", date, acquirer.getKey(), merchant.getKey(), currency.getKey(),
                            currency.getValue());
                        acquirerTotals.computeIfAbsent(currency.getKey(), c -> new Totals()).add(currency.getValue());
                    }
                }
                acquirerTotals.forEach((currency, totals) ->
                    line(out, "acquirer", date, acquirer.getKey(), ALL, currency, totals));
            }
            dayTotals().forEach((currency, totals) -> line(out, "total", date, ALL, ALL, currency, totals));
        }

        private Map<Integer, Totals> dayTotals()
        {
            final Map<Integer, Totals> byCurrency = new TreeMap<>();
            byAcquirer.values().forEach(merchants -> merchants.values().forEach(currencies -> currencies.forEach(
                (currency, totals) -> byCurrency.computeIfAbsent(currency, c -> new Totals()).add(totals))));
            return byCurrency;
        }

        private Totals totals(final RequestView request, final int currency)
        {
            return byAcquirer.computeIfAbsent(field(request, IsoFields.ACQUIRER_ID), a -> new TreeMap<>())
                .computeIfAbsent(field(request, IsoFields.MERCHANT_ID), m -> new TreeMap<>())
                .computeIfAbsent(currency, c -> new Totals());
        }

        private int mcc()
        {
            final long mcc = request.numeric(IsoFields.MERCHANT_TYPE);
            return mcc < 0 ? -1 : (int)mcc;
        }

        private static String field(final RequestView request, final int field)
        {
            final String text = request.text(field);
            return text == null || text.isEmpty() ? ABSENT : text;
        }

        private static void line(final PrintWriter out, final String level, final int date, final String acquirer,
            final String merchant, final int currency, final Totals totals)
        {
            out.println(String.join(",", level, Integer.toString(date), Formats.csv(acquirer), Formats.csv(merchant),
                String.format("%03d", currency), Long.toString(totals.purchases), Long.toString(totals.purchaseMinor),
                Long.toString(totals.completions), Long.toString(totals.completionMinor), Long.toString(totals.refunds),
                Long.toString(totals.refundMinor), Long.toString(totals.reversals), Long.toString(totals.reversalMinor),
                Long.toString(totals.feeMinor), Long.toString(totals.netMinor())));
        }
    }
}
