package dev.junction.journal;

import dev.junction.core.auth.Decision;
import dev.junction.core.pipeline.EventKind;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The byte layout of the two journal records: the one place that writes and checks them. Each record
 * is the whole body of one Chronicle Queue document (raw bytes, no self-describing wire), in the
 * {@code input} queue or the {@code outcome} queue. Every number is little-endian, fields are packed
 * with no padding, and offsets below are from the record's first byte.
 *
 * <h2>Input record ({@value #INPUT_FIXED_LENGTH} bytes + payload)</h2>
 * <pre>
 * offset size field
 *      0    1 version             {@value #VERSION}
 *      1    8 sequence            ring/journal sequence: dense, +1 per event, across restarts
 *      9    1 kind                an {@link EventKind} byte, {@link EventKind#isKnown} must hold
 *     10    8 ingressEpochNanos   when the producer took the event in (nanoseconds since 1970 UTC)
 *     18    8 connectionId        acquirer connection; 0 for events from no connection
 *     26    4 payloadLength       n, 0 to {@value #MAX_PAYLOAD_LENGTH}
 *     30    n payload             the raw message bytes (an ISO 8583 frame without its length prefix,
 *                                 an admin record, or nothing)
 *   30+n   32 chain               SHA-256(previous input record's chain || bytes [0, 30+n))
 *   62+n    4 crc32c              CRC32C of bytes [0, 62+n)
 * </pre>
 *
 * <h2>Outcome record ({@value #OUTCOME_FIXED_LENGTH} bytes + response)</h2>
 * Every value of the authorizer's {@code Decision} for the event, so that an auditor, settlement and
 * replay read what was decided without re-deciding it. Values a kind of event does not set are 0.
 * <pre>
 * offset size field
 *      0    1 version                  {@value #VERSION}
 *      1    8 sequence                 the sequence of the input this is the outcome of
 *      9    4 responseMti              e.g. 110 for 0110; 0 when not answered
 *     13    4 responseCode             field 39 as a number; -1 when not answered
 *     17    8 authorizationId          the approval's number, 0 when none
 *     25    8 accountId                the account the event touched, 0 when none
 *     33    8 amountMinor              the amount it moved, in minor units
 *     41    4 currencyCode             ISO 4217 numeric
 *     45    8 balanceAfterMinor        the account's balance after the event
 *     53    8 holdsAfterMinor          the account's holds after the event
 *     61    4 adminResult              a {@code Decision.ADMIN_*} value, 0 for non-admin events
 *     65    8 availableAfterMinor      the account's available funds (balance + credit limit - holds) after
 *     73    8 balanceDeltaMinor        the change the event made to the sum of all balances (credits positive;
 *                                      0 for a decline or a repeated answer)
 *     81    8 holdsDeltaMinor          the change it made to the sum of all holds (releases negative),
 *                                      expiries apart
 *     89    8 expiredHoldsMinor        holds that expired as the event's time arrived, released before it
 *     97    8 originalAuthorizationId  the original a completion, reversal or refund named; 0 when none
 *    105    1 flags                    bit 0 duplicate (a repeated answer), bit 1 balance inquiry (field 54
 *                                      answered), bit 2 flagged for review; other bits must be 0
 *    106    4 accountType              the two-digit account type of a balance inquiry, else 0
 *    110    4 rulesVersion             the rule-set version (limits, risk, rates) the request was decided
 *                                      under; 0 for the built-in rules or no request
 *    114    4 riskScore                0 to 999; 0 when not scored
 *    118    4 riskReasons              the risk features that fired, bit {@code 1 << RiskRules.*} each
 *    122    4 limitRule                the limit that declined the request ({@code Limits.*}), 0 when none
 *    126    8 billingAmountMinor       a conversion's amount in the account's (billing) currency (field 6)
 *    134    4 billingCurrencyCode      the billing currency of a conversion (field 51), ISO 4217 numeric
 *    138    4 conversionRate           the rate applied, as field 10's 8 digits (first digit: decimal places
 *                                      of the other seven); 0 when the request was not converted
 *    142    4 responseLength           n, 0 to {@value #MAX_PAYLOAD_LENGTH}
 *    146    n response                 the encoded response without its 2-byte frame length
 *  146+n   32 chain                    SHA-256(previous outcome record's chain || bytes [0, 146+n))
 *  178+n    4 crc32c                   CRC32C of bytes [0, 178+n)
 * </pre>
 *
 * <h2>Sealed records (version {@value #VERSION_SEALED}): payloads encrypted at rest</h2>
 * A writer given a {@link JournalKey} writes every record in the sealed layout: the header as above
 * (version byte {@value #VERSION_SEALED}), then the key id and the writer's nonce prefix, then the
 * payload (input) or response (outcome) encrypted with AES-256-GCM, then its 16-byte tag, then the
 * chain and the checksum as before. The header up to the encrypted bytes, key id and prefix included, is
 * the GCM additional data: changing any of it fails the tag. The nonce is built from the queue, the
 * prefix and the sequence ({@link RecordCipher}). The length field still counts the plain bytes.
 * <pre>
 * input:   0..29 as above  30 8 keyId  38 4 noncePrefix  42 n ciphertext  42+n 16 tag
 *          58+n 32 chain   90+n 4 crc32c                      ({@value #INPUT_SEALED_FIXED_LENGTH} bytes + n)
 * outcome: 0..145 as above 146 8 keyId 154 4 noncePrefix 158 n ciphertext 158+n 16 tag
 *          174+n 32 chain  206+n 4 crc32c                     ({@value #OUTCOME_SEALED_FIXED_LENGTH} bytes + n)
 * </pre>
 * The chain and the checksum cover the ciphertext, so {@code journal verify} checks a sealed journal
 * without its key. Everything in the header stays readable without the key: sequences, kinds, times,
 * connection ids and the decision's values (accounts, amounts, balances, codes); none of them is a PAN.
 * The key id is the first 8 bytes of SHA-256 of the key, so a reader given another key says so.
 *
 * <h2>Two checks, two purposes</h2>
 * <ul>
 *   <li>The <b>CRC32C</b> catches accidental damage (a torn write, a flipped bit) cheaply: every read
 *       checks it, including replay at start-up.</li>
 *   <li>The <b>chain</b> makes tampering evident. Each queue is its own chain: a record's chain field is
 *       the SHA-256 of the previous record's chain field followed by the record's bytes before its own
 *       chain field; the first record of a queue chains from {@link #GENESIS_LINK} (32 zero bytes).
 *       Altering, removing, inserting or reordering a record breaks the link of that record or of the
 *       next one, even when the forger recomputes the CRC. Writers carry the chain across restarts
 *       (they continue from the queue's last record). Only {@code journal verify} recomputes it: replay
 *       at start-up checks the CRC alone and stays fast. The chain cannot show that records were cut
 *       off the end of both queues; an operator who keeps the head link that {@code verify} prints
 *       elsewhere can.</li>
 * </ul>
 *
 * <p>A record is valid when its document is exactly as long as its fields say, its version is known,
 * its checksum matches and (input) its kind is known. A new layout gets a new version byte; readers
 * refuse versions they do not know rather than guess. Version 1 was the layout without the chain field;
 * version 2 had the chain but outcomes kept only the fields up to {@code adminResult} (no risk score,
 * reasons, rule-set version, conversion or ledger movements); both are refused. This build reads
 * version 3 (payloads in clear, the layout above) and version {@value #VERSION_SEALED} (sealed), and
 * a journal may hold both: one written in clear and continued with a key keeps its earlier records in
 * clear. A writer without a key refuses to continue a journal whose last record is sealed.
 */
public final class JournalFormat
{
    /** The version byte that starts every record whose payload is in clear. */
    public static final byte VERSION = 3;
    /** The version byte of a record whose payload or response is encrypted (AES-256-GCM). */
    public static final byte VERSION_SEALED = 4;
    /** The layout before the hash chain: refused with a message that says so. */
    static final byte VERSION_WITHOUT_CHAIN = 1;
    /** The layout whose outcomes lacked the decision's risk, rules, conversion and movements: refused too. */
    static final byte VERSION_WITHOUT_DECISION = 2;
    /** Outcome flag: the answer repeats the one given to an earlier identical request. */
    public static final int FLAG_DUPLICATE = 1;
    /** Outcome flag: an approved balance inquiry, answered with field 54. */
    public static final int FLAG_BALANCE_INQUIRY = 1 << 1;
    /** Outcome flag: the risk score reached the review threshold but not the decline threshold. */
    public static final int FLAG_FLAGGED_FOR_REVIEW = 1 << 2;
    private static final int KNOWN_FLAGS = FLAG_DUPLICATE | FLAG_BALANCE_INQUIRY | FLAG_FLAGGED_FOR_REVIEW;
    /** Largest payload or response: the largest message a 2-byte length frame can carry. */
    public static final int MAX_PAYLOAD_LENGTH = 65_535;
    /** Byte order of every number in a record. */
    public static final ByteOrder BYTE_ORDER = ByteOrder.LITTLE_ENDIAN;
    /** Size of the trailing checksum. */
    public static final int CRC_LENGTH = 4;
    /** Size of the chain field: a SHA-256 digest. */
    public static final int CHAIN_LENGTH = 32;
    /** Bytes at the end of every record after its body: the chain field, then the checksum. */
    static final int TRAILER_LENGTH = CHAIN_LENGTH + CRC_LENGTH;
    /** The link the first record of each queue chains from. */
    static final byte[] GENESIS_LINK = new byte[CHAIN_LENGTH];

    static final int VERSION_OFFSET = 0;
    static final int SEQUENCE_OFFSET = 1;

    static final int INPUT_KIND_OFFSET = 9;
    static final int INPUT_INGRESS_EPOCH_NANOS_OFFSET = 10;
    static final int INPUT_CONNECTION_ID_OFFSET = 18;
    static final int INPUT_PAYLOAD_LENGTH_OFFSET = 26;
    static final int INPUT_PAYLOAD_OFFSET = 30;
    /** Bytes of an input record apart from its payload: the header, the chain and the checksum. */
    public static final int INPUT_FIXED_LENGTH = INPUT_PAYLOAD_OFFSET + TRAILER_LENGTH;
    static final int INPUT_KEY_ID_OFFSET = 30;
    static final int INPUT_NONCE_PREFIX_OFFSET = 38;
    static final int INPUT_SEALED_PAYLOAD_OFFSET = 42;
    /** Bytes of a sealed input record apart from its payload: header, key id, prefix, tag, chain, checksum. */
    public static final int INPUT_SEALED_FIXED_LENGTH =
        INPUT_SEALED_PAYLOAD_OFFSET + RecordCipher.TAG_LENGTH + TRAILER_LENGTH;
    static final int MAX_INPUT_RECORD_LENGTH = INPUT_SEALED_FIXED_LENGTH + MAX_PAYLOAD_LENGTH;

    static final int OUTCOME_RESPONSE_MTI_OFFSET = 9;
    static final int OUTCOME_RESPONSE_CODE_OFFSET = 13;
    static final int OUTCOME_AUTHORIZATION_ID_OFFSET = 17;
    static final int OUTCOME_ACCOUNT_ID_OFFSET = 25;
    static final int OUTCOME_AMOUNT_MINOR_OFFSET = 33;
    static final int OUTCOME_CURRENCY_CODE_OFFSET = 41;
    static final int OUTCOME_BALANCE_AFTER_MINOR_OFFSET = 45;
    static final int OUTCOME_HOLDS_AFTER_MINOR_OFFSET = 53;
    static final int OUTCOME_ADMIN_RESULT_OFFSET = 61;
    static final int OUTCOME_AVAILABLE_AFTER_MINOR_OFFSET = 65;
    static final int OUTCOME_BALANCE_DELTA_MINOR_OFFSET = 73;
    static final int OUTCOME_HOLDS_DELTA_MINOR_OFFSET = 81;
    static final int OUTCOME_EXPIRED_HOLDS_MINOR_OFFSET = 89;
    static final int OUTCOME_ORIGINAL_AUTHORIZATION_ID_OFFSET = 97;
    static final int OUTCOME_FLAGS_OFFSET = 105;
    static final int OUTCOME_ACCOUNT_TYPE_OFFSET = 106;
    static final int OUTCOME_RULES_VERSION_OFFSET = 110;
    static final int OUTCOME_RISK_SCORE_OFFSET = 114;
    static final int OUTCOME_RISK_REASONS_OFFSET = 118;
    static final int OUTCOME_LIMIT_RULE_OFFSET = 122;
    static final int OUTCOME_BILLING_AMOUNT_MINOR_OFFSET = 126;
    static final int OUTCOME_BILLING_CURRENCY_CODE_OFFSET = 134;
    static final int OUTCOME_CONVERSION_RATE_OFFSET = 138;
    static final int OUTCOME_RESPONSE_LENGTH_OFFSET = 142;
    static final int OUTCOME_RESPONSE_OFFSET = 146;
    /** Bytes of an outcome record apart from its response: the header, the chain and the checksum. */
    public static final int OUTCOME_FIXED_LENGTH = OUTCOME_RESPONSE_OFFSET + TRAILER_LENGTH;
    static final int OUTCOME_KEY_ID_OFFSET = 146;
    static final int OUTCOME_NONCE_PREFIX_OFFSET = 154;
    static final int OUTCOME_SEALED_RESPONSE_OFFSET = 158;
    /** Bytes of a sealed outcome record apart from its response: header, key id, prefix, tag, chain, checksum. */
    public static final int OUTCOME_SEALED_FIXED_LENGTH =
        OUTCOME_SEALED_RESPONSE_OFFSET + RecordCipher.TAG_LENGTH + TRAILER_LENGTH;
    static final int MAX_OUTCOME_RECORD_LENGTH = OUTCOME_SEALED_FIXED_LENGTH + MAX_PAYLOAD_LENGTH;

    /** Room for the longest record of either kind: the size of a reader's or writer's scratch buffer. */
    static final int MAX_RECORD_LENGTH = Math.max(MAX_INPUT_RECORD_LENGTH, MAX_OUTCOME_RECORD_LENGTH);

    private JournalFormat()
    {
    }

    /** @return a buffer over a heap array large enough for any record; the checksum needs the array. */
    static UnsafeBuffer newRecordBuffer()
    {
        return new UnsafeBuffer(new byte[MAX_RECORD_LENGTH]);
    }

    /**
     * Lays out an input record in {@code record} (from {@link #newRecordBuffer()}), chain link and checksum
     * included; {@code chain} advances to this record.
     *
     * @param cipher      seals the payload (version {@value #VERSION_SEALED}); null writes it in clear.
     * @param noncePrefix the writer's nonce prefix, drawn when it opened; unused without a cipher.
     * @return the record's length in bytes.
     */
    static int encodeInput(
        final UnsafeBuffer record,
        final CRC32C crc,
        final RecordChain chain,
        final RecordCipher cipher,
        final int noncePrefix,
        final long sequence,
        final byte kind,
        final long ingressEpochNanos,
        final long connectionId,
        final DirectBuffer payload,
        final int offset,
        final int length)
    {
        if (!EventKind.isKnown(kind))
        {
            throw new IllegalArgumentException("event kind " + kind + " is not one the journal format knows");
        }
        checkPayloadLength(length);
        final int payloadOffset = cipher == null ? INPUT_PAYLOAD_OFFSET : INPUT_SEALED_PAYLOAD_OFFSET;
        record.putByte(VERSION_OFFSET, cipher == null ? VERSION : VERSION_SEALED);
        record.putLong(SEQUENCE_OFFSET, sequence, BYTE_ORDER);
        record.putByte(INPUT_KIND_OFFSET, kind);
        record.putLong(INPUT_INGRESS_EPOCH_NANOS_OFFSET, ingressEpochNanos, BYTE_ORDER);
        record.putLong(INPUT_CONNECTION_ID_OFFSET, connectionId, BYTE_ORDER);
        record.putInt(INPUT_PAYLOAD_LENGTH_OFFSET, length, BYTE_ORDER);
        if (length > 0)
        {
            record.putBytes(payloadOffset, payload, offset, length);
        }
        return sealChainAndChecksum(record, crc, chain, cipher, noncePrefix, RecordCipher.DOMAIN_INPUT,
            INPUT_KEY_ID_OFFSET, INPUT_NONCE_PREFIX_OFFSET, sequence, payloadOffset, length);
    }

    /**
     * Lays out an outcome record in {@code record} (from {@link #newRecordBuffer()}), chain link and
     * checksum included; {@code chain} advances to this record.
     *
     * @param cipher      seals the response (version {@value #VERSION_SEALED}); null writes it in clear.
     * @param noncePrefix the writer's nonce prefix, drawn when it opened; unused without a cipher.
     * @return the record's length in bytes.
     */
    static int encodeOutcome(
        final UnsafeBuffer record,
        final CRC32C crc,
        final RecordChain chain,
        final RecordCipher cipher,
        final int noncePrefix,
        final long sequence,
        final Decision decision,
        final DirectBuffer response,
        final int offset,
        final int length)
    {
        checkPayloadLength(length);
        record.putByte(VERSION_OFFSET, cipher == null ? VERSION : VERSION_SEALED);
        record.putLong(SEQUENCE_OFFSET, sequence, BYTE_ORDER);
        record.putInt(OUTCOME_RESPONSE_MTI_OFFSET, decision.responseMti(), BYTE_ORDER);
        record.putInt(OUTCOME_RESPONSE_CODE_OFFSET, decision.responseCode(), BYTE_ORDER);
        record.putLong(OUTCOME_AUTHORIZATION_ID_OFFSET, decision.authorizationId(), BYTE_ORDER);
        record.putLong(OUTCOME_ACCOUNT_ID_OFFSET, decision.accountId(), BYTE_ORDER);
        record.putLong(OUTCOME_AMOUNT_MINOR_OFFSET, decision.amountMinor(), BYTE_ORDER);
        record.putInt(OUTCOME_CURRENCY_CODE_OFFSET, decision.currencyCode(), BYTE_ORDER);
        record.putLong(OUTCOME_BALANCE_AFTER_MINOR_OFFSET, decision.balanceAfterMinor(), BYTE_ORDER);
        record.putLong(OUTCOME_HOLDS_AFTER_MINOR_OFFSET, decision.holdsAfterMinor(), BYTE_ORDER);
        record.putInt(OUTCOME_ADMIN_RESULT_OFFSET, decision.adminResult(), BYTE_ORDER);
        record.putLong(OUTCOME_AVAILABLE_AFTER_MINOR_OFFSET, decision.availableAfterMinor(), BYTE_ORDER);
        record.putLong(OUTCOME_BALANCE_DELTA_MINOR_OFFSET, decision.balanceDeltaMinor(), BYTE_ORDER);
        record.putLong(OUTCOME_HOLDS_DELTA_MINOR_OFFSET, decision.holdsDeltaMinor(), BYTE_ORDER);
        record.putLong(OUTCOME_EXPIRED_HOLDS_MINOR_OFFSET, decision.expiredHoldsMinor(), BYTE_ORDER);
        record.putLong(OUTCOME_ORIGINAL_AUTHORIZATION_ID_OFFSET, decision.originalAuthorizationId(), BYTE_ORDER);
        record.putByte(OUTCOME_FLAGS_OFFSET, (byte)flags(decision));
        record.putInt(OUTCOME_ACCOUNT_TYPE_OFFSET, decision.accountType(), BYTE_ORDER);
        record.putInt(OUTCOME_RULES_VERSION_OFFSET, decision.rulesVersion(), BYTE_ORDER);
        record.putInt(OUTCOME_RISK_SCORE_OFFSET, decision.riskScore(), BYTE_ORDER);
        record.putInt(OUTCOME_RISK_REASONS_OFFSET, decision.riskReasons(), BYTE_ORDER);
        record.putInt(OUTCOME_LIMIT_RULE_OFFSET, decision.limitRule(), BYTE_ORDER);
        record.putLong(OUTCOME_BILLING_AMOUNT_MINOR_OFFSET, decision.billingAmountMinor(), BYTE_ORDER);
        record.putInt(OUTCOME_BILLING_CURRENCY_CODE_OFFSET, decision.billingCurrencyCode(), BYTE_ORDER);
        record.putInt(OUTCOME_CONVERSION_RATE_OFFSET, decision.conversionRate(), BYTE_ORDER);
        record.putInt(OUTCOME_RESPONSE_LENGTH_OFFSET, length, BYTE_ORDER);
        final int responseOffset = cipher == null ? OUTCOME_RESPONSE_OFFSET : OUTCOME_SEALED_RESPONSE_OFFSET;
        if (length > 0)
        {
            record.putBytes(responseOffset, response, offset, length);
        }
        return sealChainAndChecksum(record, crc, chain, cipher, noncePrefix, RecordCipher.DOMAIN_OUTCOME,
            OUTCOME_KEY_ID_OFFSET, OUTCOME_NONCE_PREFIX_OFFSET, sequence, responseOffset, length);
    }

    /** @return whether a valid record's payload (input) or response (outcome) is encrypted. */
    static boolean isSealed(final DirectBuffer record)
    {
        return record.getByte(VERSION_OFFSET) == VERSION_SEALED;
    }

    /** @return where a valid input record's payload starts (after decryption, for a sealed one). */
    static int inputPayloadOffset(final DirectBuffer record)
    {
        return isSealed(record) ? INPUT_SEALED_PAYLOAD_OFFSET : INPUT_PAYLOAD_OFFSET;
    }

    /** @return where a valid outcome record's response starts (after decryption, for a sealed one). */
    static int outcomeResponseOffset(final DirectBuffer record)
    {
        return isSealed(record) ? OUTCOME_SEALED_RESPONSE_OFFSET : OUTCOME_RESPONSE_OFFSET;
    }

    /** @return the key id a valid sealed record was written with. */
    static long keyId(final DirectBuffer record, final boolean input)
    {
        return record.getLong(input ? INPUT_KEY_ID_OFFSET : OUTCOME_KEY_ID_OFFSET, BYTE_ORDER);
    }

    /**
     * Decrypts a valid sealed record's payload or response in place, checking its tag, so that it reads
     * like a record in clear at {@link #inputPayloadOffset}/{@link #outcomeResponseOffset}. The caller has
     * checked that the record's key id is {@code cipher}'s.
     *
     * @return false when the tag does not verify (the bytes are then undefined).
     */
    static boolean open(final UnsafeBuffer record, final boolean input, final RecordCipher cipher)
    {
        final int length = record.getInt(input ? INPUT_PAYLOAD_LENGTH_OFFSET : OUTCOME_RESPONSE_LENGTH_OFFSET,
            BYTE_ORDER);
        final int prefix = record.getInt(input ? INPUT_NONCE_PREFIX_OFFSET : OUTCOME_NONCE_PREFIX_OFFSET, BYTE_ORDER);
        final long sequence = sequence(record);
        if (sequence < 0 || sequence > RecordCipher.MAX_SEQUENCE)
        {
            return false;
        }
        return cipher.open(input ? RecordCipher.DOMAIN_INPUT : RecordCipher.DOMAIN_OUTCOME, prefix, sequence,
            record.byteArray(), input ? INPUT_SEALED_PAYLOAD_OFFSET : OUTCOME_SEALED_RESPONSE_OFFSET, length);
    }

    /**
     * Checks an input record of {@code recordLength} bytes at the start of {@code record}.
     *
     * @return null when valid, otherwise what is wrong in a few words (allocates only then).
     */
    static String checkInput(final UnsafeBuffer record, final int recordLength, final CRC32C crc)
    {
        final String problem = checkFraming(record, recordLength, INPUT_PAYLOAD_LENGTH_OFFSET, INPUT_FIXED_LENGTH,
            INPUT_SEALED_FIXED_LENGTH, crc);
        if (problem != null)
        {
            return problem;
        }
        final byte kind = record.getByte(INPUT_KIND_OFFSET);
        if (!EventKind.isKnown(kind))
        {
            return "unknown event kind " + kind;
        }
        return null;
    }

    /**
     * Checks an outcome record of {@code recordLength} bytes at the start of {@code record}.
     *
     * @return null when valid, otherwise what is wrong in a few words (allocates only then).
     */
    static String checkOutcome(final UnsafeBuffer record, final int recordLength, final CRC32C crc)
    {
        final String problem =
            checkFraming(record, recordLength, OUTCOME_RESPONSE_LENGTH_OFFSET, OUTCOME_FIXED_LENGTH,
                OUTCOME_SEALED_FIXED_LENGTH, crc);
        if (problem != null)
        {
            return problem;
        }
        final int flags = record.getByte(OUTCOME_FLAGS_OFFSET) & 0xff;
        if ((flags & ~KNOWN_FLAGS) != 0)
        {
            return String.format("unknown outcome flags 0x%02x", flags);
        }
        return null;
    }

    private static int flags(final Decision decision)
    {
        return (decision.isDuplicate() ? FLAG_DUPLICATE : 0) |
            (decision.isBalanceInquiry() ? FLAG_BALANCE_INQUIRY : 0) |
            (decision.isFlaggedForReview() ? FLAG_FLAGGED_FOR_REVIEW : 0);
    }

    static long sequence(final DirectBuffer record)
    {
        return record.getLong(SEQUENCE_OFFSET, BYTE_ORDER);
    }

    /** @return the length of a valid record's body: the bytes its chain link covers. */
    static int bodyLength(final int recordLength)
    {
        return recordLength - TRAILER_LENGTH;
    }

    /** @return the offset of a valid record's chain field. */
    static int chainOffset(final int recordLength)
    {
        return recordLength - TRAILER_LENGTH;
    }

    private static String checkFraming(
        final UnsafeBuffer record,
        final int recordLength,
        final int variableLengthOffset,
        final int clearFixedLength,
        final int sealedFixedLength,
        final CRC32C crc)
    {
        if (recordLength < 1)
        {
            return "empty record";
        }
        final byte version = record.getByte(VERSION_OFFSET);
        if (version == VERSION_WITHOUT_CHAIN)
        {
            return "format version " + version + " (the layout before the hash chain): this build reads versions " +
                VERSION + " and " + VERSION_SEALED + " only";
        }
        if (version == VERSION_WITHOUT_DECISION)
        {
            return "format version " + version + " (the layout before outcomes kept the risk score, reasons, " +
                "rule-set version and conversion): this build reads versions " + VERSION + " and " + VERSION_SEALED +
                " only";
        }
        if (version != VERSION && version != VERSION_SEALED)
        {
            return "unknown format version " + version + " (this reader knows " + VERSION + " and " + VERSION_SEALED + ")";
        }
        final int fixedLength = version == VERSION_SEALED ? sealedFixedLength : clearFixedLength;
        if (recordLength < fixedLength)
        {
            return "truncated: " + recordLength + " bytes, shorter than the " + fixedLength + " of an empty record";
        }
        final int variableLength = record.getInt(variableLengthOffset, BYTE_ORDER);
        if (variableLength < 0 || variableLength > MAX_PAYLOAD_LENGTH)
        {
            return "impossible payload length " + variableLength;
        }
        final int expectedLength = fixedLength + variableLength;
        if (recordLength < expectedLength)
        {
            return "truncated: " + recordLength + " bytes where its payload length says " + expectedLength;
        }
        if (recordLength > expectedLength)
        {
            return "overlong: " + recordLength + " bytes where its payload length says " + expectedLength;
        }
        final int bodyLength = recordLength - CRC_LENGTH;
        final int stored = record.getInt(bodyLength, BYTE_ORDER);
        final int computed = crc32c(record, crc, bodyLength);
        if (stored != computed)
        {
            return String.format("CRC32C mismatch: stored %08x, computed %08x", stored, computed);
        }
        return null;
    }

    /**
     * Ends a record whose header and payload (input) or response (outcome) are laid out: with a cipher,
     * writes the key id and nonce prefix and seals the {@code length} bytes at {@code bodyOffset} in place,
     * tag after them; then, either way, the chain link and the checksum.
     *
     * @return the record's length in bytes.
     */
    private static int sealChainAndChecksum(
        final UnsafeBuffer record,
        final CRC32C crc,
        final RecordChain chain,
        final RecordCipher cipher,
        final int noncePrefix,
        final byte domain,
        final int keyIdOffset,
        final int noncePrefixOffset,
        final long sequence,
        final int bodyOffset,
        final int length)
    {
        if (cipher == null)
        {
            return chainAndChecksum(record, crc, chain, bodyOffset + length);
        }
        record.putLong(keyIdOffset, cipher.key().id(), BYTE_ORDER);
        record.putInt(noncePrefixOffset, noncePrefix, BYTE_ORDER);
        cipher.seal(domain, noncePrefix, sequence, record.byteArray(), bodyOffset, length);
        return chainAndChecksum(record, crc, chain, bodyOffset + length + RecordCipher.TAG_LENGTH);
    }

    private static int chainAndChecksum(final UnsafeBuffer record, final CRC32C crc, final RecordChain chain,
        final int bodyLength)
    {
        chain.linkAndAdvance(record.byteArray(), bodyLength);
        final int checkedLength = bodyLength + CHAIN_LENGTH;
        record.putInt(checkedLength, crc32c(record, crc, checkedLength), BYTE_ORDER);
        return checkedLength + CRC_LENGTH;
    }

    private static int crc32c(final UnsafeBuffer record, final CRC32C crc, final int length)
    {
        crc.reset();
        crc.update(record.byteArray(), 0, length);
        return (int)crc.getValue();
    }

    private static void checkPayloadLength(final int length)
    {
        if (length < 0 || length > MAX_PAYLOAD_LENGTH)
        {
            throw new IllegalArgumentException(
                "payload of " + length + " bytes: a journal record holds 0 to " + MAX_PAYLOAD_LENGTH);
        }
    }
}
