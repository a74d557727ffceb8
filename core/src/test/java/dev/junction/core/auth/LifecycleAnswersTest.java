package dev.junction.core.auth;

import static dev.junction.core.auth.Lifecycle.CARD;
import static dev.junction.core.auth.Lifecycle.CREDIT_CARD;
import static dev.junction.core.auth.Lifecycle.authorization;
import static dev.junction.core.auth.Lifecycle.inquiry;
import static dev.junction.core.auth.Lifecycle.partialReversal;
import static dev.junction.core.auth.Lifecycle.purchase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.core.iso.IsoDecodeStatus;
import dev.junction.core.iso.IsoFields;
import dev.junction.core.iso.IsoMessage;
import dev.junction.core.pipeline.ResponseEncoder;
import dev.junction.core.pipeline.TransactionEvent;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** What the answers of the lifecycle carry on the wire: field 54 on inquiries, 90 and 95 echoed on 04xx. */
class LifecycleAnswersTest
{
    private final Lifecycle lifecycle = new Lifecycle();
    private final ResponseEncoder encoder = new ResponseEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[TransactionEvent.RESPONSE_CAPACITY]);
    private final IsoMessage response = new IsoMessage();

    @Test
    void anInquiryAnswerCarriesTheLedgerAndAvailableBalancesInField54()
    {
        lifecycle.send(authorization(CARD, 2_500, 1));
        lifecycle.send(inquiry(100, CARD, 2).with(IsoFields.PROCESSING_CODE, "312000"));

        encodeLast();

        assertEquals(110, response.mti());
        assertEquals("2001840C000000010000" + "2002840C000000007500", text(IsoFields.ADDITIONAL_AMOUNTS));
    }

    @Test
    void aNegativeLedgerBalanceIsMarkedD()
    {
        lifecycle.send(purchase(CREDIT_CARD, 1_500, 1));
        lifecycle.send(inquiry(200, CREDIT_CARD, 2));

        encodeLast();

        assertEquals("0001840D000000001500" + "0002840C000000003500", text(IsoFields.ADDITIONAL_AMOUNTS));
    }

    @Test
    void aDeclinedInquiryCarriesNoField54()
    {
        lifecycle.send(inquiry(100, Lifecycle.LOST_CARD, 2));

        encodeLast();

        assertFalse(response.has(IsoFields.ADDITIONAL_AMOUNTS));
    }

    @Test
    void aReversalAnswerEchoesTheOriginalDataAndReplacementAmounts()
    {
        lifecycle.send(authorization(CARD, 2_500, 1));
        lifecycle.send(partialReversal(400, CARD, 2_500, 2, 100, 1, 1_000));

        encodeLast();

        assertEquals(410, response.mti());
        assertEquals("00", text(IsoFields.RESPONSE_CODE));
        assertTrue(response.has(IsoFields.ORIGINAL_DATA));
        assertEquals(Lifecycle.originalData(100, 1).substring(0, 10), digits(IsoFields.ORIGINAL_DATA, 10));
        assertEquals(String.format("%012d%012d%s", 1_000, 1_000, " ".repeat(18)), text(IsoFields.REPLACEMENT_AMOUNTS));
    }

    @Test
    void theLargestLifecycleAnswerFitsTheResponseBuffer()
    {
        lifecycle.send(authorization(CARD, 2_500, 1));
        final int length = encoder.encode(partialReversal(400, CARD, 2_500, 2, 100, 1, 1_000)
                .with(IsoFields.MERCHANT_ID, "M".repeat(15)).with(IsoFields.RRN, "R".repeat(12))
                .with(IsoFields.ACQUIRER_ID, "12345678901").with(IsoFields.ADDITIONAL_AMOUNTS, "x")
                .with(IsoFields.NETWORK_MGMT_CODE, "001")
                .with(IsoFields.PAN, "6011000000000000007").into(new TransactionEvent(4096), 0).request(),
            balanceInquiryDecision(), buffer, 0);

        assertTrue(length < TransactionEvent.RESPONSE_CAPACITY / 2, "answer of " + length + " bytes");
    }

    private static Decision balanceInquiryDecision()
    {
        final Decision decision = new Decision();
        decision.respond(410, ResponseCodes.APPROVED);
        decision.authorizationId(AuthorizationIds.SPACE - 1);
        decision.account(1, 0, 840, -999_999_999_999L, 0);
        decision.availableAfterMinor(999_999_999_999L);
        decision.balanceInquiry(99);
        return decision;
    }

    private void encodeLast()
    {
        final TransactionEvent event = lifecycle.lastEvent();
        final int length = encoder.encode(event.request(), event.decision(), buffer, 0);
        assertEquals(IsoDecodeStatus.OK, response.wrap(buffer, 0, length));
    }

    private String text(final int field)
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < response.digitCount(field); i++)
        {
            text.append((char)response.charAt(field, i));
        }
        return text.toString();
    }

    private String digits(final int field, final int count)
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            text.append(response.digitAt(field, i));
        }
        return text.toString();
    }
}
