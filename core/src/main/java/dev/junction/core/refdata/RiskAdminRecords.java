package dev.junction.core.refdata;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The admin records that set limits, risk rules and currency rates: payloads of {@code ADMIN} ring
 * events like {@link AdminRecords}, little-endian, journaled byte for byte, so these layouts are part
 * of the journal format. Each is at most {@link #MAX_LENGTH} bytes, which fits the smallest ring
 * payload (64 bytes). All but the card limits are rule records: they carry the rule-set version they
 * belong to (see {@code RiskRules}); amounts are minor units of the account's currency, 0 meaning no
 * limit; weights are thousandths of a logit.
 *
 * <pre>
 * card limits:     type=10 (1) | panLength (1) | pan ASCII digits (19, zero-filled)
 *                  | maxSingleMinor (8) | dailyAmountMinor (8) | dailyCount (4)         (0: the profile's)
 * limits profile:  type=11 (1) | version (4) | maxSingleMinor (8) | dailyAmountMinor (8) | dailyCount (4)
 *                  | smallAmountLimitMinor (8) | smallDailyCount (4) | smallDailyAmountMinor (8)
 *                  | largeAmountMinor (8)
 * risk model:      type=12 (1) | version (4) | biasMilli (2) | weightMilli × 10 (2 each, in feature order)
 *                  | reviewScore (2) | declineScore (2) | velocityCountMax (2) | velocityAmountMaxMinor (8)
 *                  | averagePercent (2) | merchantCountMax (2)
 * merchant category: type=13 (1) | version (4) | mcc (2) | weightMilli (2) | blocked (1: 0 or 1)
 * terminal:        type=14 (1) | version (4) | terminal id, 8 ASCII characters (8) | blocked (1: 0 or 1)
 * currency rate:   type=15 (1) | version (4) | from currency (2) | to currency (2)
 *                  | rate as field 10's 8 digits (4; 0 removes the pair)
 * </pre>
 */
public final class RiskAdminRecords
{
    public static final byte TYPE_CARD_LIMITS = 10;
    public static final byte TYPE_LIMITS_PROFILE = 11;
    public static final byte TYPE_RISK_MODEL = 12;
    public static final byte TYPE_MERCHANT_CATEGORY = 13;
    public static final byte TYPE_TERMINAL = 14;
    public static final byte TYPE_CURRENCY_RATE = 15;

    /** The number of weights in a risk model record. */
    public static final int WEIGHTS = 10;
    public static final int TERMINAL_CHARS = 8;

    public static final int CARD_LIMITS_LENGTH = 1 + 1 + Pans.MAX_DIGITS + 8 + 8 + 4;
    public static final int LIMITS_PROFILE_LENGTH = 1 + 4 + 8 + 8 + 4 + 8 + 4 + 8 + 8;
    public static final int RISK_MODEL_LENGTH = 1 + 4 + 2 + 2 * WEIGHTS + 2 + 2 + 2 + 8 + 2 + 2;
    public static final int MERCHANT_CATEGORY_LENGTH = 1 + 4 + 2 + 2 + 1;
    public static final int TERMINAL_LENGTH = 1 + 4 + TERMINAL_CHARS + 1;
    public static final int CURRENCY_RATE_LENGTH = 1 + 4 + 2 + 2 + 4;
    /** The longest of these records. */
    public static final int MAX_LENGTH = Math.max(Math.max(CARD_LIMITS_LENGTH, LIMITS_PROFILE_LENGTH),
        Math.max(RISK_MODEL_LENGTH, Math.max(MERCHANT_CATEGORY_LENGTH, Math.max(TERMINAL_LENGTH, CURRENCY_RATE_LENGTH))));

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int PAN_OFFSET = 2;
    private static final int CARD_LIMITS_OFFSET = PAN_OFFSET + Pans.MAX_DIGITS;
    private static final int VERSION_OFFSET = 1;
    private static final int BODY = 5;
    private static final int MODEL_AFTER_WEIGHTS = BODY + 2 + 2 * WEIGHTS;

    private RiskAdminRecords()
    {
    }

    /** @return the rule-set version of a rule record (every type but card limits). */
    public static int version(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + VERSION_OFFSET, ORDER);
    }

    /** @return whether {@code length} is the length of a record of {@code type}, false for other types. */
    public static boolean hasLength(final byte type, final int length)
    {
        switch (type)
        {
            case TYPE_CARD_LIMITS: return length == CARD_LIMITS_LENGTH;
            case TYPE_LIMITS_PROFILE: return length == LIMITS_PROFILE_LENGTH;
            case TYPE_RISK_MODEL: return length == RISK_MODEL_LENGTH;
            case TYPE_MERCHANT_CATEGORY: return length == MERCHANT_CATEGORY_LENGTH;
            case TYPE_TERMINAL: return length == TERMINAL_LENGTH;
            case TYPE_CURRENCY_RATE: return length == CURRENCY_RATE_LENGTH;
            default: return false;
        }
    }

    /** Writes a card's own limits; read its PAN with {@link AdminRecords#cardPanKey}. @return its length. */
    public static int writeCardLimits(final MutableDirectBuffer buffer, final int offset, final String pan,
        final long maxSingleMinor, final long dailyAmountMinor, final int dailyCount)
    {
        buffer.putByte(offset, TYPE_CARD_LIMITS);
        buffer.putByte(offset + 1, (byte)pan.length());
        for (int i = 0; i < Pans.MAX_DIGITS; i++)
        {
            buffer.putByte(offset + PAN_OFFSET + i, i < pan.length() ? (byte)pan.charAt(i) : 0);
        }
        buffer.putLong(offset + CARD_LIMITS_OFFSET, maxSingleMinor, ORDER);
        buffer.putLong(offset + CARD_LIMITS_OFFSET + 8, dailyAmountMinor, ORDER);
        buffer.putInt(offset + CARD_LIMITS_OFFSET + 16, dailyCount, ORDER);
        return CARD_LIMITS_LENGTH;
    }

    public static long cardMaxSingleMinor(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + CARD_LIMITS_OFFSET, ORDER);
    }

    public static long cardDailyAmountMinor(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + CARD_LIMITS_OFFSET + 8, ORDER);
    }

    public static int cardDailyCount(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + CARD_LIMITS_OFFSET + 16, ORDER);
    }

    /** Writes the limits profile: the per-card defaults and the small- and large-amount tiers. @return its length. */
    public static int writeLimitsProfile(final MutableDirectBuffer buffer, final int offset, final int version,
        final long maxSingleMinor, final long dailyAmountMinor, final int dailyCount, final long smallAmountLimitMinor,
        final int smallDailyCount, final long smallDailyAmountMinor, final long largeAmountMinor)
    {
        buffer.putByte(offset, TYPE_LIMITS_PROFILE);
        buffer.putInt(offset + VERSION_OFFSET, version, ORDER);
        buffer.putLong(offset + BODY, maxSingleMinor, ORDER);
        buffer.putLong(offset + BODY + 8, dailyAmountMinor, ORDER);
        buffer.putInt(offset + BODY + 16, dailyCount, ORDER);
        buffer.putLong(offset + BODY + 20, smallAmountLimitMinor, ORDER);
        buffer.putInt(offset + BODY + 28, smallDailyCount, ORDER);
        buffer.putLong(offset + BODY + 32, smallDailyAmountMinor, ORDER);
        buffer.putLong(offset + BODY + 40, largeAmountMinor, ORDER);
        return LIMITS_PROFILE_LENGTH;
    }

    public static long profileMaxSingleMinor(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + BODY, ORDER);
    }

    public static long profileDailyAmountMinor(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + BODY + 8, ORDER);
    }

    public static int profileDailyCount(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + BODY + 16, ORDER);
    }

    public static long profileSmallAmountLimitMinor(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + BODY + 20, ORDER);
    }

    public static int profileSmallDailyCount(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + BODY + 28, ORDER);
    }

    public static long profileSmallDailyAmountMinor(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + BODY + 32, ORDER);
    }

    public static long profileLargeAmountMinor(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + BODY + 40, ORDER);
    }

    /** Writes a scoring model; {@code weightsMilli} holds {@link #WEIGHTS} weights in feature order. @return its length. */
    public static int writeRiskModel(final MutableDirectBuffer buffer, final int offset, final int version,
        final int biasMilli, final short[] weightsMilli, final int reviewScore, final int declineScore,
        final int velocityCountMax, final long velocityAmountMaxMinor, final int averagePercent,
        final int merchantCountMax)
    {
        if (weightsMilli.length != WEIGHTS)
        {
            throw new IllegalArgumentException("a risk model has " + WEIGHTS + " weights, not " + weightsMilli.length);
        }
        buffer.putByte(offset, TYPE_RISK_MODEL);
        buffer.putInt(offset + VERSION_OFFSET, version, ORDER);
        buffer.putShort(offset + BODY, (short)biasMilli, ORDER);
        for (int i = 0; i < WEIGHTS; i++)
        {
            buffer.putShort(offset + BODY + 2 + 2 * i, weightsMilli[i], ORDER);
        }
        buffer.putShort(offset + MODEL_AFTER_WEIGHTS, (short)reviewScore, ORDER);
        buffer.putShort(offset + MODEL_AFTER_WEIGHTS + 2, (short)declineScore, ORDER);
        buffer.putShort(offset + MODEL_AFTER_WEIGHTS + 4, (short)velocityCountMax, ORDER);
        buffer.putLong(offset + MODEL_AFTER_WEIGHTS + 6, velocityAmountMaxMinor, ORDER);
        buffer.putShort(offset + MODEL_AFTER_WEIGHTS + 14, (short)averagePercent, ORDER);
        buffer.putShort(offset + MODEL_AFTER_WEIGHTS + 16, (short)merchantCountMax, ORDER);
        return RISK_MODEL_LENGTH;
    }

    public static int modelBiasMilli(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + BODY, ORDER);
    }

    public static short modelWeightMilli(final DirectBuffer buffer, final int offset, final int feature)
    {
        return buffer.getShort(offset + BODY + 2 + 2 * feature, ORDER);
    }

    public static int modelReviewScore(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + MODEL_AFTER_WEIGHTS, ORDER);
    }

    public static int modelDeclineScore(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + MODEL_AFTER_WEIGHTS + 2, ORDER);
    }

    public static int modelVelocityCountMax(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + MODEL_AFTER_WEIGHTS + 4, ORDER);
    }

    public static long modelVelocityAmountMaxMinor(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + MODEL_AFTER_WEIGHTS + 6, ORDER);
    }

    public static int modelAveragePercent(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + MODEL_AFTER_WEIGHTS + 14, ORDER);
    }

    public static int modelMerchantCountMax(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + MODEL_AFTER_WEIGHTS + 16, ORDER);
    }

    /** Writes a merchant category's risk weight and block flag. @return its length. */
    public static int writeMerchantCategory(final MutableDirectBuffer buffer, final int offset, final int version,
        final int merchantCategory, final int weightMilli, final boolean blocked)
    {
        buffer.putByte(offset, TYPE_MERCHANT_CATEGORY);
        buffer.putInt(offset + VERSION_OFFSET, version, ORDER);
        buffer.putShort(offset + BODY, (short)merchantCategory, ORDER);
        buffer.putShort(offset + BODY + 2, (short)weightMilli, ORDER);
        buffer.putByte(offset + BODY + 4, (byte)(blocked ? 1 : 0));
        return MERCHANT_CATEGORY_LENGTH;
    }

    public static int categoryCode(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + BODY, ORDER);
    }

    public static int categoryWeightMilli(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + BODY + 2, ORDER);
    }

    /** @return the block flag byte: 0 or 1 in a valid record. */
    public static int categoryBlocked(final DirectBuffer buffer, final int offset)
    {
        return buffer.getByte(offset + BODY + 4);
    }

    /** Writes a terminal's block-list entry; {@code terminalId} is field 41's 8 characters. @return its length. */
    public static int writeTerminal(final MutableDirectBuffer buffer, final int offset, final int version,
        final String terminalId, final boolean blocked)
    {
        if (terminalId.length() != TERMINAL_CHARS)
        {
            throw new IllegalArgumentException("a terminal id has " + TERMINAL_CHARS + " characters: '" + terminalId + "'");
        }
        buffer.putByte(offset, TYPE_TERMINAL);
        buffer.putInt(offset + VERSION_OFFSET, version, ORDER);
        for (int i = 0; i < TERMINAL_CHARS; i++)
        {
            buffer.putByte(offset + BODY + i, (byte)terminalId.charAt(i));
        }
        buffer.putByte(offset + BODY + TERMINAL_CHARS, (byte)(blocked ? 1 : 0));
        return TERMINAL_LENGTH;
    }

    /** @return the terminal id's 8 characters as a number, big-endian, as the authorizer keys terminals. */
    public static long terminalId(final DirectBuffer buffer, final int offset)
    {
        long terminal = 0;
        for (int i = 0; i < TERMINAL_CHARS; i++)
        {
            terminal = terminal << 8 | (buffer.getByte(offset + BODY + i) & 0xFF);
        }
        return terminal;
    }

    public static int terminalBlocked(final DirectBuffer buffer, final int offset)
    {
        return buffer.getByte(offset + BODY + TERMINAL_CHARS);
    }

    /** Writes the rate from one currency to another as field 10's 8 digits, 0 to remove it. @return its length. */
    public static int writeCurrencyRate(final MutableDirectBuffer buffer, final int offset, final int version,
        final int fromCurrency, final int toCurrency, final int rate)
    {
        buffer.putByte(offset, TYPE_CURRENCY_RATE);
        buffer.putInt(offset + VERSION_OFFSET, version, ORDER);
        buffer.putShort(offset + BODY, (short)fromCurrency, ORDER);
        buffer.putShort(offset + BODY + 2, (short)toCurrency, ORDER);
        buffer.putInt(offset + BODY + 4, rate, ORDER);
        return CURRENCY_RATE_LENGTH;
    }

    public static int rateFromCurrency(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + BODY, ORDER);
    }

    public static int rateToCurrency(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + BODY + 2, ORDER);
    }

    public static int rate(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + BODY + 4, ORDER);
    }
}
