package dev.junction.core.pipeline;

import dev.junction.core.auth.AuthorizationIds;
import dev.junction.core.auth.Decision;
import dev.junction.core.iso.IsoFields;
import dev.junction.core.iso.IsoMessage;
import dev.junction.core.iso.IsoWriter;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Encodes the answer to a request: its response MTI, the request's identifying fields echoed byte for
 * byte (2, 3, 4, 7, 11, 12, 13, 32, 37, 41, 42, 49, 70 in network management answers only, 90 and 95,
 * as present), the authorization id in 38 when approved, the response code in 39, for an approved
 * balance inquiry the balances in 54, and for a request converted from another currency the billing
 * amount in 6, the conversion rate in 10 and the billing currency in 51. Reuses its scratch buffers: one instance per thread,
 * allocation-free.
 */
public final class ResponseEncoder
{
    private static final int[] ECHOED_BEFORE_6 = {
        IsoFields.PAN, IsoFields.PROCESSING_CODE, IsoFields.AMOUNT_TRANSACTION};
    private static final int[] ECHOED_7 = {IsoFields.TRANSMISSION_DATE_TIME};
    private static final int[] ECHOED_BEFORE_38 = {
        IsoFields.STAN, IsoFields.LOCAL_TIME, IsoFields.LOCAL_DATE, IsoFields.ACQUIRER_ID, IsoFields.RRN};
    /** Amount, cardholder billing: the codec names no constant for it. */
    public static final int AMOUNT_BILLING = 6;
    /** Conversion rate, cardholder billing. */
    public static final int CONVERSION_RATE_BILLING = 10;
    /** Currency code, cardholder billing. */
    public static final int CURRENCY_BILLING = 51;
    private static final int[] ECHOED_BEFORE_54 = {
        IsoFields.TERMINAL_ID, IsoFields.MERCHANT_ID, IsoFields.CURRENCY_TRANSACTION};
    private static final int[] ECHOED_AFTER_70 = {IsoFields.ORIGINAL_DATA, IsoFields.REPLACEMENT_AMOUNTS};
    /** The message class of 08xx: only network management answers echo field 70. */
    private static final int NETWORK_MANAGEMENT_CLASS = 8;
    /** One additional amount: account type 2, amount type 2, currency 3, sign 1, amount 12. */
    public static final int ADDITIONAL_AMOUNT_LENGTH = 20;
    /** Amount type of the ledger balance in field 54. */
    public static final int AMOUNT_TYPE_LEDGER = 1;
    /** Amount type of the available balance in field 54. */
    public static final int AMOUNT_TYPE_AVAILABLE = 2;
    private static final int AMOUNT_DIGITS = 12;
    private static final long MAX_AMOUNT_MINOR = 999_999_999_999L;

    private final IsoWriter writer = new IsoWriter();
    private final UnsafeBuffer authorizationId = new UnsafeBuffer(new byte[AuthorizationIds.LENGTH]);
    private final UnsafeBuffer responseCode = new UnsafeBuffer(new byte[2]);
    private final UnsafeBuffer additionalAmounts = new UnsafeBuffer(new byte[2 * ADDITIONAL_AMOUNT_LENGTH]);
    private final UnsafeBuffer billingCurrency = new UnsafeBuffer(new byte[3]);

    /**
     * Writes the response to {@code request} that {@code decision} describes at {@code offset}.
     *
     * @return the encoded length (without a frame length prefix).
     */
    public int encode(final IsoMessage request, final Decision decision, final MutableDirectBuffer buffer,
        final int offset)
    {
        writer.wrap(buffer, offset).mti(decision.responseMti());
        echo(request, ECHOED_BEFORE_6);
        if (decision.isConverted())
        {
            writer.putNumeric(AMOUNT_BILLING, decision.billingAmountMinor());
        }
        echo(request, ECHOED_7);
        if (decision.isConverted())
        {
            writer.putNumeric(CONVERSION_RATE_BILLING, decision.conversionRate());
        }
        writeFrom11Through39(request, decision.responseCode(), decision.authorizationId());
        echo(request, ECHOED_BEFORE_54);
        if (decision.isConverted())
        {
            final int currency = decision.billingCurrencyCode();
            billingCurrency.putByte(0, (byte)('0' + currency / 100));
            billingCurrency.putByte(1, (byte)('0' + currency / 10 % 10));
            billingCurrency.putByte(2, (byte)('0' + currency % 10));
            writer.putChars(CURRENCY_BILLING, billingCurrency, 0, 3);
        }
        if (decision.isBalanceInquiry())
        {
            writeAdditionalAmount(0, decision.accountType(), AMOUNT_TYPE_LEDGER, decision.currencyCode(),
                decision.balanceAfterMinor());
            writeAdditionalAmount(ADDITIONAL_AMOUNT_LENGTH, decision.accountType(), AMOUNT_TYPE_AVAILABLE,
                decision.currencyCode(), decision.availableAfterMinor());
            writer.putChars(IsoFields.ADDITIONAL_AMOUNTS, additionalAmounts, 0, 2 * ADDITIONAL_AMOUNT_LENGTH);
        }
        echoFrom70(request, decision.responseMti());
        return writer.finish();
    }

    /** Writes a response with the given MTI and code, e.g. the 91 of a full ring; 0 means no field 38. */
    public int encode(final IsoMessage request, final int responseMti, final int code, final long authorizationIdValue,
        final MutableDirectBuffer buffer, final int offset)
    {
        writeThrough39(request, responseMti, code, authorizationIdValue, buffer, offset);
        echo(request, ECHOED_BEFORE_54);
        echoFrom70(request, responseMti);
        return writer.finish();
    }

    private void writeThrough39(final IsoMessage request, final int responseMti, final int code,
        final long authorizationIdValue, final MutableDirectBuffer buffer, final int offset)
    {
        writer.wrap(buffer, offset).mti(responseMti);
        echo(request, ECHOED_BEFORE_6);
        echo(request, ECHOED_7);
        writeFrom11Through39(request, code, authorizationIdValue);
    }

    private void writeFrom11Through39(final IsoMessage request, final int code, final long authorizationIdValue)
    {
        echo(request, ECHOED_BEFORE_38);
        if (authorizationIdValue != 0)
        {
            AuthorizationIds.write(authorizationIdValue, authorizationId, 0);
            writer.putChars(IsoFields.AUTH_ID, authorizationId, 0, AuthorizationIds.LENGTH);
        }
        responseCode.putByte(0, (byte)('0' + code / 10));
        responseCode.putByte(1, (byte)('0' + code % 10));
        writer.putChars(IsoFields.RESPONSE_CODE, responseCode, 0, 2);
    }

    /**
     * One 20-character additional amount: e.g. "0002840C000000012345", available 123.45 USD. A
     * magnitude beyond 12 digits shows as 999999999999, the most the field can say.
     */
    private void writeAdditionalAmount(final int at, final int accountType, final int amountType,
        final int currencyCode, final long amountMinor)
    {
        writeDigits(at, accountType, 2);
        writeDigits(at + 2, amountType, 2);
        writeDigits(at + 4, currencyCode, 3);
        additionalAmounts.putByte(at + 7, (byte)(amountMinor < 0 ? 'D' : 'C'));
        writeDigits(at + 8, Math.min(Math.abs(amountMinor), MAX_AMOUNT_MINOR), AMOUNT_DIGITS);
    }

    private void writeDigits(final int at, final long value, final int count)
    {
        long remaining = value;
        for (int i = count - 1; i >= 0; i--)
        {
            additionalAmounts.putByte(at + i, (byte)('0' + remaining % 10));
            remaining /= 10;
        }
    }

    private void echoFrom70(final IsoMessage request, final int responseMti)
    {
        if (responseMti / 100 == NETWORK_MANAGEMENT_CLASS && request.has(IsoFields.NETWORK_MGMT_CODE))
        {
            writer.copyField(request, IsoFields.NETWORK_MGMT_CODE);
        }
        echo(request, ECHOED_AFTER_70);
    }

    private void echo(final IsoMessage request, final int[] fields)
    {
        for (final int field : fields)
        {
            if (request.has(field))
            {
                writer.copyField(request, field);
            }
        }
    }
}
