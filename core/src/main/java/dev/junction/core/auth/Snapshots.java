package dev.junction.core.auth;

/**
 * The authorizer's own snapshot format, version 1. Little-endian throughout:
 * <pre>
 *   offset  size  field
 *        0     4  magic "JSNP" (ASCII)
 *        4     4  format version (1)
 *        8     4  account capacity         \
 *       12     4  card capacity             |
 *       16     4  transaction capacity      |
 *       20     4  duplicate window          |  the AuthorizerConfig the state was built with:
 *       24     8  hold expiry millis        |  a snapshot is refused by an authorizer
 *       32     4  velocity buckets          |  configured otherwise
 *       36     4  velocity bucket seconds   |
 *       40     4  merchant slots            |
 *       44     4  blocked terminal capacity |
 *       48     4  rate capacity            /
 *       52     8  journal sequence covered: the last input applied (-1: none)
 *       60     8  state digest ({@link Authorizer#digest()}) the restored state must reach
 *       68        sections, each an int tag then its fields: ACCT accounts, CARD cards, TXNS transactions,
 *                 DUPS duplicate window, LEDG ledger totals, PAYM approvals issued, BDAY business day,
 *                 RISK rules, rates, card and merchant activity; then the tag "END."
 * </pre>
 * Each state class writes and reads its own section ({@code writeTo}/{@code readFrom}), next to its
 * fields. Hash indexes are not written: they are rebuilt on reading. A file holding a snapshot adds
 * its own checksum around these bytes (the journal module's SnapshotStore).
 */
public final class Snapshots
{
    public static final int MAGIC = 'J' | 'S' << 8 | 'N' << 16 | 'P' << 24;
    public static final int FORMAT_VERSION = 1;
    public static final int HEADER_LENGTH = 68;

    static final int ACCOUNTS = tag("ACCT");
    static final int CARDS = tag("CARD");
    static final int TRANSACTIONS = tag("TXNS");
    static final int DUPLICATES = tag("DUPS");
    static final int LEDGER = tag("LEDG");
    static final int PAYMENTS = tag("PAYM");
    static final int BUSINESS_DAY = tag("BDAY");
    static final int RISK = tag("RISK");
    static final int END = tag("END.");

    private Snapshots()
    {
    }

    /** What a snapshot's header says. */
    public record Header(int version, AuthorizerConfig config, long sequence, long digest)
    {
    }

    static void writeHeader(final SnapshotOutput out, final AuthorizerConfig config, final long sequence,
        final long digest)
    {
        out.writeInt(MAGIC);
        out.writeInt(FORMAT_VERSION);
        out.writeInt(config.accountCapacity());
        out.writeInt(config.cardCapacity());
        out.writeInt(config.transactionCapacity());
        out.writeInt(config.duplicateWindow());
        out.writeLong(config.holdExpiryMillis());
        final RiskConfig risk = config.risk();
        out.writeInt(risk.velocityBuckets());
        out.writeInt(risk.velocityBucketSeconds());
        out.writeInt(risk.merchantSlots());
        out.writeInt(risk.blockedTerminalCapacity());
        out.writeInt(risk.rateCapacity());
        out.writeLong(sequence);
        out.writeLong(digest);
    }

    /**
     * Reads and checks a header: the magic and the version.
     *
     * @throws SnapshotException when it is not a snapshot of this format.
     */
    public static Header readHeader(final SnapshotInput in)
    {
        if (in.remaining() < HEADER_LENGTH || in.readInt() != MAGIC)
        {
            throw new SnapshotException("not a Junction snapshot");
        }
        final int version = in.readInt();
        if (version != FORMAT_VERSION)
        {
            throw new SnapshotException("snapshot format version " + version + ", this build reads " + FORMAT_VERSION);
        }
        try
        {
            final int accounts = in.readInt();
            final int cards = in.readInt();
            final int transactions = in.readInt();
            final int window = in.readInt();
            final long holdExpiry = in.readLong();
            final RiskConfig risk = new RiskConfig(in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt());
            final AuthorizerConfig config = new AuthorizerConfig(accounts, cards, transactions, window, holdExpiry, risk);
            return new Header(version, config, in.readLong(), in.readLong());
        }
        catch (final IllegalArgumentException e)
        {
            throw new SnapshotException("snapshot header names an impossible configuration: " + e.getMessage());
        }
    }

    /** @return the settings in which {@code taken} differs from {@code now}, for a one-line message. */
    static String difference(final AuthorizerConfig taken, final AuthorizerConfig now)
    {
        final String[] names = {"account capacity", "card capacity", "transaction capacity", "duplicate window",
            "hold expiry millis", "velocity buckets", "velocity bucket seconds", "merchant slots",
            "blocked terminal capacity", "rate capacity"};
        final long[] before = values(taken);
        final long[] after = values(now);
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < names.length; i++)
        {
            if (before[i] != after[i])
            {
                text.append(text.length() == 0 ? "" : ", ").append(names[i]).append(' ').append(before[i])
                    .append(" (now ").append(after[i]).append(')');
            }
        }
        return text.toString();
    }

    private static long[] values(final AuthorizerConfig config)
    {
        final RiskConfig risk = config.risk();
        return new long[] {config.accountCapacity(), config.cardCapacity(), config.transactionCapacity(),
            config.duplicateWindow(), config.holdExpiryMillis(), risk.velocityBuckets(), risk.velocityBucketSeconds(),
            risk.merchantSlots(), risk.blockedTerminalCapacity(), risk.rateCapacity()};
    }

    private static int tag(final String name)
    {
        return name.charAt(0) | name.charAt(1) << 8 | name.charAt(2) << 16 | name.charAt(3) << 24;
    }
}
