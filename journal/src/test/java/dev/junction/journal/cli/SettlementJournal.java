package dev.junction.journal.cli;

import dev.junction.core.auth.Authorizer;
import dev.junction.core.auth.Decision;
import dev.junction.core.iso.IsoFields;
import dev.junction.core.pipeline.Replayer;
import dev.junction.core.refdata.AdminRecords;
import dev.junction.core.refdata.CardStatus;
import dev.junction.journal.JournalReader;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Two business days of settlement traffic through the live pipeline, split by a cutover on command:
 * purchases, a completion, a refund, reversals of a posting, a hold and a refund, a duplicate, a
 * decline, two currencies, four merchant categories (one with no field 18).
 * <pre>
 * 20261121  acquirer 111111 MERCHANT0000001 (840): purchases 10.00 (mcc 5411), 20.00 (5411), 1.25 (none);
 *                                                  refund 5.00 of the first; reversal of the 20.00;
 *                                                  the first purchase again (a duplicate); a lost card's 41
 *           acquirer 222222 MERCHANT0000002 (840): 0100 30.00 (5999) completed at 25.00; 0100 4.00 reversed
 *           acquirer 111111 MERCHANT0000003 (978): purchase 12.34 (mcc 4111)
 * cutover   20261122
 * 20261122  acquirer 111111 MERCHANT0000001 (840): purchase 7.00 (5411); reversal of the refund
 * </pre>
 */
final class SettlementJournal
{
    static final String PAN_EUR = "4000002222222222";
    static final int DAY_ONE = 20261121;
    static final int DAY_TWO = 20261122;
    static final String FEES_CSV = String.join("\n", "mcc,percent_bp,fixed_minor", "5411,150,10", "4111,0,0",
        "*,200,5", "");

    private SettlementJournal()
    {
    }

    static void writeTo(final Path dataDir) throws InterruptedException
    {
        final LiveJournal journal = new LiveJournal();
        journal.account(1, 840, 100_000).account(2, 840, 50_000).account(3, 840, 20_000).account(4, 978, 90_000);
        journal.card(LiveJournal.PAN_A, 1, CardStatus.ACTIVE).card(LiveJournal.PAN_B, 2, CardStatus.ACTIVE)
            .card(LiveJournal.PAN_LOST, 3, CardStatus.LOST).card(PAN_EUR, 4, CardStatus.ACTIVE);
        journal.request(sale(200, LiveJournal.PAN_A, 1_000, 1, "TERM0001", "111111", "MERCHANT0000001", "5411"));
        journal.request(sale(200, LiveJournal.PAN_A, 2_000, 2, "TERM0001", "111111", "MERCHANT0000001", "5411"));
        journal.request(sale(200, LiveJournal.PAN_A, 125, 10, "TERM0001", "111111", "MERCHANT0000001", null));
        journal.request(sale(200, LiveJournal.PAN_A, 500, 5, "TERM0001", "111111", "MERCHANT0000001", "5411")
            .with(IsoFields.PROCESSING_CODE, "200000").with(IsoFields.RRN, "000000900001"));
        journal.request(reversal(LiveJournal.PAN_A, 2, "TERM0001", "111111", "MERCHANT0000001"));
        journal.request(sale(200, LiveJournal.PAN_A, 1_000, 1, "TERM0001", "111111", "MERCHANT0000001", "5411"));
        journal.request(sale(200, LiveJournal.PAN_LOST, 900, 11, "TERM0001", "111111", "MERCHANT0000001", "5411"));
        journal.request(sale(100, LiveJournal.PAN_B, 3_000, 3, "TERM0002", "222222", "MERCHANT0000002", "5999"));
        journal.request(sale(220, LiveJournal.PAN_B, 2_500, 4, "TERM0002", "222222", "MERCHANT0000002", "5999")
            .with(IsoFields.ORIGINAL_DATA, "0100000003112112000000000222222" + "00000000000"));
        journal.request(sale(100, LiveJournal.PAN_B, 400, 7, "TERM0002", "222222", "MERCHANT0000002", "5999"));
        journal.request(reversal(LiveJournal.PAN_B, 7, "TERM0002", "222222", "MERCHANT0000002"));
        journal.request(sale(200, PAN_EUR, 1_234, 9, "TERM0003", "111111", "MERCHANT0000003", "4111")
            .with(IsoFields.CURRENCY_TRANSACTION, "978"));
        journal.cutover(DAY_TWO, AdminRecords.CUTOVER_KEEP_TIME);
        journal.request(sale(200, LiveJournal.PAN_A, 700, 12, "TERM0001", "111111", "MERCHANT0000001", "5411"));
        journal.request(reversal(LiveJournal.PAN_A, 5, "TERM0001", "111111", "MERCHANT0000001"));
        journal.writeTo(dataDir);
    }

    static IsoRequest sale(final int mti, final String pan, final long amountMinor, final int stan,
        final String terminal, final String acquirer, final String merchant, final String mcc)
    {
        final IsoRequest request = IsoRequest.purchase(mti, pan, amountMinor, stan, terminal, merchant)
            .with(IsoFields.ACQUIRER_ID, acquirer);
        return mcc == null ? request : request.with(IsoFields.MERCHANT_TYPE, mcc);
    }

    /** A full reversal that names its original by the STAN, terminal and time it shares with it. */
    static IsoRequest reversal(final String pan, final int stan, final String terminal, final String acquirer,
        final String merchant)
    {
        return sale(400, pan, 0, stan, terminal, acquirer, merchant, null);
    }

    /**
     * Replays the journal with core's authorizer and sums each event's balance delta by the business day
     * the authorizer put it in and the currency of the account it moved.
     *
     * @return day → currency → the sum of the balance deltas (credits positive).
     */
    static Map<Integer, Map<Integer, Long>> balanceDeltasByDay(final Path dataDir)
    {
        final Authorizer authorizer = new Authorizer(LiveJournal.CONFIG);
        final Replayer replayer = new Replayer(authorizer);
        final Map<Integer, Map<Integer, Long>> deltas = new TreeMap<>();
        try (JournalReader reader = JournalReader.open(dataDir))
        {
            reader.readInputs(0, (sequence, kind, ingress, connection, payload, offset, length) ->
            {
                final Decision decision = replayer.apply(sequence, kind, ingress, connection, payload, offset, length);
                if (decision.balanceDeltaMinor() != 0)
                {
                    deltas.computeIfAbsent(authorizer.businessDate(), d -> new TreeMap<>())
                        .merge(decision.currencyCode(), decision.balanceDeltaMinor(), Long::sum);
                }
            });
        }
        return deltas;
    }
}
