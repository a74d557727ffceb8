package dev.junction.core.refdata;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The payload of an {@code ADMIN} ring event: an operator command in a small fixed binary layout,
 * little-endian. It is journaled byte for byte, so this layout is part of the journal format.
 *
 * <pre>
 * account upsert: type=1 (1) | accountId (8) | currencyCode (2) | balanceMinor (8) | creditLimitMinor (8)
 * card upsert:    type=2 (1) | panLength (1) | pan ASCII digits (19, zero-filled) | accountId (8)
 *                 | expiryYymm (2) | status (1) [ | homeCountry (2) ]
 * business-day cutover:
 *                 type=3 (1) | businessDate yyyymmdd (4, 0: none) | cutoverSecondOfDay (4)
 * card status:    type=4 (1) | panLength (1) | pan ASCII digits (19, zero-filled) | status (1)
 * account adjustment:
 *                 type=5 (1) | accountId (8) | amountMinor (8, signed: credit &gt; 0, debit &lt; 0)
 *                 | currencyCode (2) | reference, 16 printable ASCII characters, space-padded (16)
 * cutover now:    type=6 (1)
 * </pre>
 * A card whose home country (ISO 3166 numeric) is unknown is written without it, as before it existed.
 * Limits, rules and rates have records of their own: {@link RiskAdminRecords}.
 * The cutover record is a control command, not reference data: it opens the business day it names
 * (when that is after the current one) and sets, keeps or clears the daily time, in UTC seconds after
 * midnight, at which the authorizer opens the next day by itself; {@code dev.junction.core.auth.BusinessDay}
 * defines both rules.
 * <p>
 * The card status, account adjustment and cutover-now records are an operator's commands on a running
 * switch (the admin endpoint): they change what exists rather than create it.
 * <ul>
 *   <li><b>Card status</b> sets a known card's {@link CardStatus}. Any status may be named, but a card that
 *       is lost or stolen keeps that status for good: its number is compromised, so neither "unblock" nor
 *       "block" reopens or relabels it; the issuer replaces the card.</li>
 *   <li><b>Account adjustment</b> credits or debits a known account by an operator's decision (a goodwill
 *       credit, a correction), in the account's own currency, through the ledger like any other movement;
 *       the reference (a ticket number, say) is kept for audit and changes nothing.</li>
 *   <li><b>Cutover now</b> closes the business day in force when it is applied. It carries no date: the day
 *       it opens comes from the state and the record's journaled ingress time (see {@code BusinessDay}),
 *       never from a clock.</li>
 * </ul>
 */
public final class AdminRecords
{
    public static final byte TYPE_ACCOUNT = 1;
    public static final byte TYPE_CARD = 2;
    public static final byte TYPE_CUTOVER = 3;
    public static final byte TYPE_CARD_STATUS = 4;
    public static final byte TYPE_ACCOUNT_ADJUSTMENT = 5;
    public static final byte TYPE_CUTOVER_NOW = 6;

    /** Characters of an account adjustment's operator reference. */
    public static final int REFERENCE_CHARS = 16;

    public static final int ACCOUNT_LENGTH = 1 + 8 + 2 + 8 + 8;
    public static final int CARD_LENGTH = 1 + 1 + Pans.MAX_DIGITS + 8 + 2 + 1;
    /** A card upsert that names the card's home country. */
    public static final int CARD_WITH_HOME_COUNTRY_LENGTH = CARD_LENGTH + 2;
    public static final int CUTOVER_LENGTH = 1 + 4 + 4;
    public static final int CARD_STATUS_LENGTH = 1 + 1 + Pans.MAX_DIGITS + 1;
    public static final int ACCOUNT_ADJUSTMENT_LENGTH = 1 + 8 + 8 + 2 + REFERENCE_CHARS;
    public static final int CUTOVER_NOW_LENGTH = 1;
    /** The longest admin record: ring slots and journal payloads are at least this large. */
    public static final int MAX_LENGTH = Math.max(Math.max(Math.max(ACCOUNT_LENGTH, CARD_WITH_HOME_COUNTRY_LENGTH),
        Math.max(RiskAdminRecords.MAX_LENGTH, CUTOVER_LENGTH)),
        Math.max(Math.max(CARD_STATUS_LENGTH, ACCOUNT_ADJUSTMENT_LENGTH), CUTOVER_NOW_LENGTH));

    /** Cutover business date: the record opens no day, it only sets the daily cutover time. */
    public static final int CUTOVER_NO_DATE = 0;
    /** Cutover time of day: the day advances on command only. */
    public static final int CUTOVER_ON_COMMAND_ONLY = -1;
    /** Cutover time of day: the daily time in force stays as it is. */
    public static final int CUTOVER_KEEP_TIME = -2;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int PAN_OFFSET = 2;
    private static final int CARD_ACCOUNT_OFFSET = PAN_OFFSET + Pans.MAX_DIGITS;
    private static final int CARD_STATUS_OFFSET = PAN_OFFSET + Pans.MAX_DIGITS;
    private static final int ADJUSTMENT_AMOUNT_OFFSET = 9;
    private static final int ADJUSTMENT_CURRENCY_OFFSET = 17;
    private static final int ADJUSTMENT_REFERENCE_OFFSET = 19;

    private AdminRecords()
    {
    }

    /** Writes an account upsert at {@code offset}; returns its length. */
    public static int writeAccount(final MutableDirectBuffer buffer, final int offset, final AccountRecord account)
    {
        buffer.putByte(offset, TYPE_ACCOUNT);
        buffer.putLong(offset + 1, account.accountId(), ORDER);
        buffer.putShort(offset + 9, (short)account.currencyCode(), ORDER);
        buffer.putLong(offset + 11, account.balanceMinor(), ORDER);
        buffer.putLong(offset + 19, account.creditLimitMinor(), ORDER);
        return ACCOUNT_LENGTH;
    }

    /** Writes a card upsert at {@code offset}; returns its length. */
    public static int writeCard(final MutableDirectBuffer buffer, final int offset, final CardRecord card)
    {
        final String pan = card.pan();
        buffer.putByte(offset, TYPE_CARD);
        buffer.putByte(offset + 1, (byte)pan.length());
        for (int i = 0; i < Pans.MAX_DIGITS; i++)
        {
            buffer.putByte(offset + PAN_OFFSET + i, i < pan.length() ? (byte)pan.charAt(i) : 0);
        }
        buffer.putLong(offset + CARD_ACCOUNT_OFFSET, card.accountId(), ORDER);
        buffer.putShort(offset + CARD_ACCOUNT_OFFSET + 8, (short)card.expiryYymm(), ORDER);
        buffer.putByte(offset + CARD_ACCOUNT_OFFSET + 10, card.status());
        if (card.homeCountry() == 0)
        {
            return CARD_LENGTH;
        }
        buffer.putShort(offset + CARD_LENGTH, (short)card.homeCountry(), ORDER);
        return CARD_WITH_HOME_COUNTRY_LENGTH;
    }

    /** @return whether {@code length} is the length of a card upsert, with or without its home country. */
    public static boolean isCardLength(final int length)
    {
        return length == CARD_LENGTH || length == CARD_WITH_HOME_COUNTRY_LENGTH;
    }

    /**
     * Writes a business-day cutover at {@code offset}; returns its length.
     *
     * @param businessDate       the day it opens as yyyymmdd, or {@link #CUTOVER_NO_DATE}.
     * @param cutoverSecondOfDay the daily automatic cutover time (0 to 86,399 seconds after midnight UTC),
     *                           {@link #CUTOVER_ON_COMMAND_ONLY} or {@link #CUTOVER_KEEP_TIME}.
     */
    public static int writeCutover(final MutableDirectBuffer buffer, final int offset, final int businessDate,
        final int cutoverSecondOfDay)
    {
        buffer.putByte(offset, TYPE_CUTOVER);
        buffer.putInt(offset + 1, businessDate, ORDER);
        buffer.putInt(offset + 5, cutoverSecondOfDay, ORDER);
        return CUTOVER_LENGTH;
    }

    /** @return the record's type byte, or 0 when the payload is empty. */
    public static byte type(final DirectBuffer buffer, final int offset, final int length)
    {
        return length > 0 ? buffer.getByte(offset) : 0;
    }

    public static long accountId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + 1, ORDER);
    }

    public static int accountCurrency(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + 9, ORDER);
    }

    public static long accountBalanceMinor(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + 11, ORDER);
    }

    public static long accountCreditLimitMinor(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + 19, ORDER);
    }

    public static int cardPanLength(final DirectBuffer buffer, final int offset)
    {
        return buffer.getByte(offset + 1);
    }

    /**
     * @return the card's PAN as an unsigned key like {@link Pans#key}, or -1 when the stored digits are
     * not a valid PAN; allocates nothing.
     */
    public static long cardPanKey(final DirectBuffer buffer, final int offset)
    {
        final int length = cardPanLength(buffer, offset);
        if (length < Pans.MIN_DIGITS || length > Pans.MAX_DIGITS || buffer.getByte(offset + PAN_OFFSET) == '0')
        {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < length; i++)
        {
            final int c = buffer.getByte(offset + PAN_OFFSET + i);
            if (c < '0' || c > '9')
            {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    public static long cardAccountId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + CARD_ACCOUNT_OFFSET, ORDER);
    }

    public static int cardExpiryYymm(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + CARD_ACCOUNT_OFFSET + 8, ORDER);
    }

    public static byte cardStatus(final DirectBuffer buffer, final int offset)
    {
        return buffer.getByte(offset + CARD_ACCOUNT_OFFSET + 10);
    }

    /** @return the card's home country (ISO 3166 numeric), 0 when the record names none. */
    public static int cardHomeCountry(final DirectBuffer buffer, final int offset, final int length)
    {
        return length == CARD_WITH_HOME_COUNTRY_LENGTH ? buffer.getShort(offset + CARD_LENGTH, ORDER) : 0;
    }

    /** @return the business date (yyyymmdd) a cutover opens, {@link #CUTOVER_NO_DATE} when none. */
    public static int cutoverBusinessDate(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + 1, ORDER);
    }

    /** @return a cutover's daily time in seconds after midnight UTC, or one of the {@code CUTOVER_*} values. */
    public static int cutoverSecondOfDay(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + 5, ORDER);
    }

    /**
     * Writes a card status change at {@code offset}; read its PAN with {@link #cardPanKey} and
     * {@link #cardPanLength}. @return its length.
     */
    public static int writeCardStatus(final MutableDirectBuffer buffer, final int offset, final String pan,
        final byte status)
    {
        buffer.putByte(offset, TYPE_CARD_STATUS);
        buffer.putByte(offset + 1, (byte)pan.length());
        for (int i = 0; i < Pans.MAX_DIGITS; i++)
        {
            buffer.putByte(offset + PAN_OFFSET + i, i < pan.length() ? (byte)pan.charAt(i) : 0);
        }
        buffer.putByte(offset + CARD_STATUS_OFFSET, status);
        return CARD_STATUS_LENGTH;
    }

    /** @return the {@link CardStatus} a card status change sets. */
    public static byte cardStatusTarget(final DirectBuffer buffer, final int offset)
    {
        return buffer.getByte(offset + CARD_STATUS_OFFSET);
    }

    /**
     * Writes an account adjustment at {@code offset}; returns its length.
     *
     * @param amountMinor  minor units of {@code currencyCode}: a credit when positive, a debit when negative.
     * @param reference    the operator's reference: 1 to {@link #REFERENCE_CHARS} printable ASCII characters.
     * @throws IllegalArgumentException when the reference is empty, too long or not printable ASCII.
     */
    public static int writeAccountAdjustment(final MutableDirectBuffer buffer, final int offset, final long accountId,
        final long amountMinor, final int currencyCode, final String reference)
    {
        if (!isReference(reference))
        {
            throw new IllegalArgumentException("a reference is 1 to " + REFERENCE_CHARS +
                " printable ASCII characters: '" + reference + "'");
        }
        buffer.putByte(offset, TYPE_ACCOUNT_ADJUSTMENT);
        buffer.putLong(offset + 1, accountId, ORDER);
        buffer.putLong(offset + ADJUSTMENT_AMOUNT_OFFSET, amountMinor, ORDER);
        buffer.putShort(offset + ADJUSTMENT_CURRENCY_OFFSET, (short)currencyCode, ORDER);
        for (int i = 0; i < REFERENCE_CHARS; i++)
        {
            buffer.putByte(offset + ADJUSTMENT_REFERENCE_OFFSET + i,
                i < reference.length() ? (byte)reference.charAt(i) : (byte)' ');
        }
        return ACCOUNT_ADJUSTMENT_LENGTH;
    }

    /** @return whether {@code text} can be an adjustment's reference: 1 to 16 printable ASCII characters. */
    public static boolean isReference(final String text)
    {
        if (text == null || text.isEmpty() || text.length() > REFERENCE_CHARS)
        {
            return false;
        }
        for (int i = 0; i < text.length(); i++)
        {
            if (!isPrintable(text.charAt(i)))
            {
                return false;
            }
        }
        return true;
    }

    /** The adjustment's account; the same place as an account upsert's. */
    public static long adjustmentAccountId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + 1, ORDER);
    }

    /** @return the signed amount: a credit when positive, a debit when negative. */
    public static long adjustmentAmountMinor(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + ADJUSTMENT_AMOUNT_OFFSET, ORDER);
    }

    public static int adjustmentCurrency(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + ADJUSTMENT_CURRENCY_OFFSET, ORDER);
    }

    /** @return whether every byte of the reference is printable ASCII; allocates nothing. */
    public static boolean adjustmentReferenceIsPrintable(final DirectBuffer buffer, final int offset)
    {
        for (int i = 0; i < REFERENCE_CHARS; i++)
        {
            if (!isPrintable((char)(buffer.getByte(offset + ADJUSTMENT_REFERENCE_OFFSET + i) & 0xFF)))
            {
                return false;
            }
        }
        return true;
    }

    /** @return the reference without its trailing padding, for operator tools (allocates). */
    public static String adjustmentReference(final DirectBuffer buffer, final int offset)
    {
        final StringBuilder reference = new StringBuilder(REFERENCE_CHARS);
        for (int i = 0; i < REFERENCE_CHARS; i++)
        {
            final char c = (char)(buffer.getByte(offset + ADJUSTMENT_REFERENCE_OFFSET + i) & 0xFF);
            reference.append(isPrintable(c) ? c : '?');
        }
        return reference.toString().stripTrailing();
    }

    /** Writes a cutover-now record at {@code offset}; returns its length. */
    public static int writeCutoverNow(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putByte(offset, TYPE_CUTOVER_NOW);
        return CUTOVER_NOW_LENGTH;
    }

    private static boolean isPrintable(final char c)
    {
        return c >= ' ' && c <= '~';
    }
}
