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
 * </pre>
 * A card whose home country (ISO 3166 numeric) is unknown is written without it, as before it existed.
 * Limits, rules and rates have records of their own: {@link RiskAdminRecords}.
 * The cutover record is a control command, not reference data: it opens the business day it names
 * (when that is after the current one) and sets, keeps or clears the daily time, in UTC seconds after
 * midnight, at which the authorizer opens the next day by itself; {@code dev.junction.core.auth.BusinessDay}
 * defines both rules.
 */
public final class AdminRecords
{
    public static final byte TYPE_ACCOUNT = 1;
    public static final byte TYPE_CARD = 2;
    public static final byte TYPE_CUTOVER = 3;

    public static final int ACCOUNT_LENGTH = 1 + 8 + 2 + 8 + 8;
    public static final int CARD_LENGTH = 1 + 1 + Pans.MAX_DIGITS + 8 + 2 + 1;
    /** A card upsert that names the card's home country. */
    public static final int CARD_WITH_HOME_COUNTRY_LENGTH = CARD_LENGTH + 2;
    public static final int CUTOVER_LENGTH = 1 + 4 + 4;
    /** The longest admin record: ring slots and journal payloads are at least this large. */
    public static final int MAX_LENGTH = Math.max(Math.max(ACCOUNT_LENGTH, CARD_WITH_HOME_COUNTRY_LENGTH),
        Math.max(RiskAdminRecords.MAX_LENGTH, CUTOVER_LENGTH));

    /** Cutover business date: the record opens no day, it only sets the daily cutover time. */
    public static final int CUTOVER_NO_DATE = 0;
    /** Cutover time of day: the day advances on command only. */
    public static final int CUTOVER_ON_COMMAND_ONLY = -1;
    /** Cutover time of day: the daily time in force stays as it is. */
    public static final int CUTOVER_KEEP_TIME = -2;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int PAN_OFFSET = 2;
    private static final int CARD_ACCOUNT_OFFSET = PAN_OFFSET + Pans.MAX_DIGITS;

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
}
