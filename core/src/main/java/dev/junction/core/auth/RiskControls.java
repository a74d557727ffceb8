package dev.junction.core.auth;

import dev.junction.core.iso.IsoFields;
import dev.junction.core.iso.IsoMessage;
import dev.junction.core.refdata.AdminRecords;
import dev.junction.core.refdata.RiskAdminRecords;
import org.agrona.DirectBuffer;

/**
 * Limits, amount tiers and risk scoring for the requests that spend a card's money (0100 and 0200 of
 * goods and services or cash), and the admin records that set them.
 * <p>
 * {@link Payments} asks, in this order, {@link #limits} (see {@link Limits} for the rules and codes),
 * then {@link #score}, and after an approval that moved money {@link #approved}, which counts it in the
 * card's and the merchant's activity. Declined requests count nowhere. All time is the journaled
 * ingress time: the UTC day for the daily limits, fixed buckets of it for the velocity window.
 * <p>
 * The score is a logistic regression in integers: the bias plus the weights of the features that fired
 * (see {@link RiskRules} for them), through {@link RiskScore}. A score at or above the decline threshold
 * is answered 59; at or above the review threshold the approval is flagged. A threshold of 0 is off.
 * Authorizer-thread only; the request path allocates nothing.
 */
final class RiskControls
{
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int MIN_HISTORY_FOR_AVERAGE = 3;
    private static final int PERCENT = 100;
    private static final int ENTRY_MANUAL = 1;
    private static final int ENTRY_QR_CODE = 3;
    private static final int ENTRY_CHIP = 5;
    private static final int ENTRY_CONTACTLESS_CHIP = 7;
    private static final int ENTRY_CREDENTIAL_ON_FILE = 10;
    private static final int ENTRY_ECOMMERCE = 81;
    private static final int CARD_ACCEPTOR_NAME_CHARS = 40;
    private static final int COUNTRY_DIGITS = 3;

    private final Cards cards;
    private final RiskRules rules;
    private final CurrencyRates rates;
    private final CardActivity cardActivity;
    private final MerchantActivity merchantActivity;
    private final long bucketNanos;

    private boolean pendingSmall;
    private int pendingMerchantSlot;
    /** Field 22's entry mode and field 18's category (-1 when absent) of the request {@link #limits} read. */
    private int pendingEntryMode;
    private int pendingMerchantType;

    RiskControls(final RiskConfig config, final Cards cards)
    {
        this.cards = cards;
        rules = new RiskRules(config.blockedTerminalCapacity());
        rates = new CurrencyRates(config.rateCapacity());
        rates.defaults();
        cardActivity = new CardActivity(config.velocityBuckets());
        merchantActivity = new MerchantActivity(config.merchantSlots(), config.velocityBuckets());
        bucketNanos = config.velocityBucketSeconds() * NANOS_PER_SECOND;
    }

    RiskRules rules()
    {
        return rules;
    }

    CurrencyRates rates()
    {
        return rates;
    }

    /** Starts loading a card's activity, a hint only. @return what was read, for the caller to keep. */
    long touchActivity(final int card)
    {
        return cardActivity.touch(card);
    }

    CardActivity cardActivity()
    {
        return cardActivity;
    }

    /** Makes room for the activity of a card just created. */
    void cardCreated()
    {
        cardActivity.ensure(cards.count());
    }

    /**
     * The limits in {@link Limits}' order for {@code amountMinor} (in the account's currency) on
     * {@code card}. @return {@link ResponseCodes#APPROVED} when none applies, else its code, with the
     * limit recorded in the decision.
     */
    int limits(final IsoMessage request, final int card, final long amountMinor, final long ingressEpochNanos,
        final Decision decision)
    {
        final long day = Math.floorDiv(ingressEpochNanos, NANOS_PER_DAY);
        final boolean pin = request.has(IsoFields.PIN_DATA);
        final int limit;
        final long maxSingle = orProfile(cardActivity.maxSingleMinor(card), rules.maxSingleMinor());
        final long dailyCount = orProfile(cardActivity.dailyCountLimit(card), rules.dailyCount());
        final long dailyAmount = orProfile(cardActivity.dailyLimitMinor(card), rules.dailyAmountMinor());
        final int entryMode = entryMode(request);
        pendingEntryMode = entryMode;
        pendingMerchantType = request.has(IsoFields.MERCHANT_TYPE) ? (int)request.numeric(IsoFields.MERCHANT_TYPE) : -1;
        pendingSmall = rules.smallAmountLimitMinor() > 0 && amountMinor < rules.smallAmountLimitMinor() && !pin;
        if (pendingMerchantType >= 0 && rules.isCategoryBlocked(pendingMerchantType))
        {
            limit = Limits.MERCHANT_CATEGORY;
        }
        else if (maxSingle > 0 && amountMinor > maxSingle)
        {
            limit = Limits.SINGLE_AMOUNT;
        }
        else if (rules.largeAmountMinor() > 0 && amountMinor > rules.largeAmountMinor() && !pin &&
            entryMode != ENTRY_CHIP && entryMode != ENTRY_CONTACTLESS_CHIP)
        {
            limit = Limits.LARGE_UNVERIFIED;
        }
        else if (dailyCount > 0 && cardActivity.dailyCount(card, day) + 1 > dailyCount)
        {
            limit = Limits.DAILY_COUNT;
        }
        else if (dailyAmount > 0 && cardActivity.dailyAmountMinor(card, day) + amountMinor > dailyAmount)
        {
            limit = Limits.DAILY_AMOUNT;
        }
        else if (pendingSmall && rules.smallDailyCount() > 0 && cardActivity.smallCount(card, day) + 1 > rules.smallDailyCount())
        {
            limit = Limits.SMALL_COUNT;
        }
        else if (pendingSmall && rules.smallDailyAmountMinor() > 0 &&
            cardActivity.smallAmountMinor(card, day) + amountMinor > rules.smallDailyAmountMinor())
        {
            limit = Limits.SMALL_AMOUNT;
        }
        else
        {
            return ResponseCodes.APPROVED;
        }
        decision.limitRule(limit);
        switch (limit)
        {
            case Limits.MERCHANT_CATEGORY:
            case Limits.LARGE_UNVERIFIED:
                return ResponseCodes.NOT_PERMITTED_TO_CARDHOLDER;
            case Limits.DAILY_COUNT:
            case Limits.SMALL_COUNT:
                return ResponseCodes.EXCEEDS_FREQUENCY_LIMIT;
            default:
                return ResponseCodes.EXCEEDS_AMOUNT_LIMIT;
        }
    }

    /**
     * Scores the request that {@link #limits} just passed (its entry mode and category are read there)
     * and records the score, reasons and review flag in the decision.
     *
     * @param keys the request's own keys: its terminal is read from them.
     * @return {@link ResponseCodes#SUSPECTED_FRAUD} at or above the decline threshold, else APPROVED.
     */
    int score(final IsoMessage request, final MessageKeys keys, final int card, final long amountMinor,
        final long ingressEpochNanos, final Decision decision)
    {
        final long bucket = Math.floorDiv(ingressEpochNanos, bucketNanos);
        final long approvals = cardActivity.approvals(card);
        int reasons = 0;
        if (rules.velocityCountMax() > 0 && cardActivity.windowCount(card, bucket) + 1 > rules.velocityCountMax())
        {
            reasons |= 1 << RiskRules.VELOCITY_COUNT;
        }
        if (rules.velocityAmountMaxMinor() > 0 &&
            cardActivity.windowAmountMinor(card, bucket) + amountMinor > rules.velocityAmountMaxMinor())
        {
            reasons |= 1 << RiskRules.VELOCITY_AMOUNT;
        }
        if (rules.averagePercent() > 0 && approvals >= MIN_HISTORY_FOR_AVERAGE &&
            amountMinor * PERCENT > cardActivity.averageMinor(card) * rules.averagePercent())
        {
            reasons |= 1 << RiskRules.ABOVE_AVERAGE;
        }
        final int homeCountry = cards.homeCountry(card);
        final int country = acquirerCountry(request);
        if (homeCountry != 0 && country != 0 && country != homeCountry)
        {
            reasons |= 1 << RiskRules.COUNTRY_MISMATCH;
        }
        final int entryMode = pendingEntryMode;
        if (entryMode == ENTRY_MANUAL || entryMode == ENTRY_CREDENTIAL_ON_FILE || entryMode == ENTRY_ECOMMERCE)
        {
            reasons |= 1 << RiskRules.CARD_NOT_PRESENT;
        }
        else if (entryMode == ENTRY_QR_CODE)
        {
            reasons |= 1 << RiskRules.QR_CODE;
        }
        long logitMilli = rules.biasMilli();
        if (pendingMerchantType >= 0)
        {
            final int categoryTerm = rules.categoryTermMilli(pendingMerchantType);
            if (categoryTerm != 0)
            {
                reasons |= 1 << RiskRules.MERCHANT_CATEGORY;
                logitMilli += categoryTerm;
            }
        }
        if (approvals == 0)
        {
            reasons |= 1 << RiskRules.FIRST_USE;
        }
        if (request.has(IsoFields.TERMINAL_ID) && rules.isTerminalBlocked(keys.terminalId))
        {
            reasons |= 1 << RiskRules.BLOCKED_TERMINAL;
        }
        pendingMerchantSlot = merchantActivity.slotOf(request);
        if (rules.merchantCountMax() > 0 && pendingMerchantSlot >= 0 &&
            merchantActivity.windowCount(pendingMerchantSlot, bucket) + 1 > rules.merchantCountMax())
        {
            reasons |= 1 << RiskRules.MERCHANT_VELOCITY;
        }
        for (int feature = 0; feature < RiskRules.FEATURES; feature++)
        {
            if (feature != RiskRules.MERCHANT_CATEGORY && (reasons & 1 << feature) != 0)
            {
                logitMilli += rules.weightMilli(feature);
            }
        }
        final int score = RiskScore.score(logitMilli);
        final boolean declined = rules.declineScore() > 0 && score >= rules.declineScore();
        final boolean flagged = !declined && rules.reviewScore() > 0 && score >= rules.reviewScore();
        decision.risk(score, reasons, flagged);
        return declined ? ResponseCodes.SUSPECTED_FRAUD : ResponseCodes.APPROVED;
    }

    /** Counts the approval that {@link #limits} and {@link #score} just passed. */
    void approved(final int card, final long amountMinor, final long ingressEpochNanos)
    {
        final long bucket = Math.floorDiv(ingressEpochNanos, bucketNanos);
        cardActivity.record(card, Math.floorDiv(ingressEpochNanos, NANOS_PER_DAY), bucket, amountMinor, pendingSmall);
        merchantActivity.record(pendingMerchantSlot, bucket);
    }

    /**
     * Applies a limits, rules or rates admin record.
     *
     * @return a {@code Decision.ADMIN_*} result, or 0 when {@code type} is none of these records.
     */
    int admin(final byte type, final DirectBuffer payload, final int length)
    {
        if (type < RiskAdminRecords.TYPE_CARD_LIMITS || type > RiskAdminRecords.TYPE_CURRENCY_RATE)
        {
            return 0;
        }
        if (!RiskAdminRecords.hasLength(type, length))
        {
            return Decision.ADMIN_REJECTED;
        }
        if (type == RiskAdminRecords.TYPE_CARD_LIMITS)
        {
            return cardLimits(payload);
        }
        if (!valid(type, payload))
        {
            return Decision.ADMIN_REJECTED;
        }
        // Checked before the version is taken, so that a refused record changes nothing at all.
        if (type == RiskAdminRecords.TYPE_TERMINAL && RiskAdminRecords.terminalBlocked(payload, 0) == 1 &&
            !rules.isTerminalBlocked(RiskAdminRecords.terminalId(payload, 0)) && rules.blockedTerminalsFull() ||
            type == RiskAdminRecords.TYPE_CURRENCY_RATE && !rates.canSet(RiskAdminRecords.rateFromCurrency(payload, 0),
                RiskAdminRecords.rateToCurrency(payload, 0), RiskAdminRecords.rate(payload, 0)))
        {
            return Decision.ADMIN_REJECTED;
        }
        if (!rules.accept(RiskAdminRecords.version(payload, 0)))
        {
            return Decision.ADMIN_REJECTED;
        }
        switch (type)
        {
            case RiskAdminRecords.TYPE_LIMITS_PROFILE:
                rules.profile(RiskAdminRecords.profileMaxSingleMinor(payload, 0),
                    RiskAdminRecords.profileDailyAmountMinor(payload, 0), RiskAdminRecords.profileDailyCount(payload, 0),
                    RiskAdminRecords.profileSmallAmountLimitMinor(payload, 0),
                    RiskAdminRecords.profileSmallDailyCount(payload, 0),
                    RiskAdminRecords.profileSmallDailyAmountMinor(payload, 0),
                    RiskAdminRecords.profileLargeAmountMinor(payload, 0));
                break;
            case RiskAdminRecords.TYPE_RISK_MODEL:
                rules.model(payload, 0);
                break;
            case RiskAdminRecords.TYPE_MERCHANT_CATEGORY:
                rules.category(RiskAdminRecords.categoryCode(payload, 0), RiskAdminRecords.categoryWeightMilli(payload, 0),
                    RiskAdminRecords.categoryBlocked(payload, 0) == 1);
                break;
            case RiskAdminRecords.TYPE_TERMINAL:
                rules.terminal(RiskAdminRecords.terminalId(payload, 0), RiskAdminRecords.terminalBlocked(payload, 0) == 1);
                break;
            default:
                rates.set(RiskAdminRecords.rateFromCurrency(payload, 0), RiskAdminRecords.rateToCurrency(payload, 0),
                    RiskAdminRecords.rate(payload, 0));
                break;
        }
        return Decision.ADMIN_CREATED;
    }

    /** Adds the rules, rates and all activity to a digest, in a fixed order. */
    long digest(final long seed)
    {
        long hash = rules.digest(seed);
        hash = rates.digest(hash);
        hash = cardActivity.digest(hash, cards.count());
        return merchantActivity.digest(hash);
    }

    private int cardLimits(final DirectBuffer payload)
    {
        final long panKey = AdminRecords.cardPanKey(payload, 0);
        final int card = panKey == -1 ? -1 : cards.indexOf(panKey, AdminRecords.cardPanLength(payload, 0));
        final long maxSingle = RiskAdminRecords.cardMaxSingleMinor(payload, 0);
        final long dailyAmount = RiskAdminRecords.cardDailyAmountMinor(payload, 0);
        final int dailyCount = RiskAdminRecords.cardDailyCount(payload, 0);
        if (card < 0 || maxSingle < 0 || dailyAmount < 0 || dailyCount < 0)
        {
            return Decision.ADMIN_REJECTED;
        }
        cardActivity.limits(card, maxSingle, dailyAmount, dailyCount);
        return Decision.ADMIN_CREATED;
    }

    /** @return whether a rule record's values are in range: no negative limit, a category of four digits, flags 0 or 1. */
    private static boolean valid(final byte type, final DirectBuffer payload)
    {
        switch (type)
        {
            case RiskAdminRecords.TYPE_LIMITS_PROFILE:
                return RiskAdminRecords.profileMaxSingleMinor(payload, 0) >= 0 &&
                    RiskAdminRecords.profileDailyAmountMinor(payload, 0) >= 0 &&
                    RiskAdminRecords.profileDailyCount(payload, 0) >= 0 &&
                    RiskAdminRecords.profileSmallAmountLimitMinor(payload, 0) >= 0 &&
                    RiskAdminRecords.profileSmallDailyCount(payload, 0) >= 0 &&
                    RiskAdminRecords.profileSmallDailyAmountMinor(payload, 0) >= 0 &&
                    RiskAdminRecords.profileLargeAmountMinor(payload, 0) >= 0;
            case RiskAdminRecords.TYPE_RISK_MODEL:
                return RiskAdminRecords.modelReviewScore(payload, 0) >= 0 &&
                    RiskAdminRecords.modelDeclineScore(payload, 0) >= 0 &&
                    RiskAdminRecords.modelVelocityCountMax(payload, 0) >= 0 &&
                    RiskAdminRecords.modelVelocityAmountMaxMinor(payload, 0) >= 0 &&
                    RiskAdminRecords.modelAveragePercent(payload, 0) >= 0 &&
                    RiskAdminRecords.modelMerchantCountMax(payload, 0) >= 0;
            case RiskAdminRecords.TYPE_MERCHANT_CATEGORY:
                final int category = RiskAdminRecords.categoryCode(payload, 0);
                final int blocked = RiskAdminRecords.categoryBlocked(payload, 0);
                return category >= 0 && category < RiskRules.MERCHANT_CATEGORIES && (blocked == 0 || blocked == 1);
            case RiskAdminRecords.TYPE_TERMINAL:
                final int terminalBlocked = RiskAdminRecords.terminalBlocked(payload, 0);
                return terminalBlocked == 0 || terminalBlocked == 1;
            default:
                return true;
        }
    }

    /** @return field 22's PAN entry mode (its first two digits), -1 without it. */
    private static int entryMode(final IsoMessage request)
    {
        return request.has(IsoFields.POS_ENTRY_MODE) ? (int)(request.numeric(IsoFields.POS_ENTRY_MODE) / 10) : -1;
    }

    /**
     * @return the acquirer's country: field 19, or else the last three characters of field 43 when they
     * are digits (the numeric country some networks put there); 0 when neither says.
     */
    private static int acquirerCountry(final IsoMessage request)
    {
        if (request.has(IsoFields.ACQUIRER_COUNTRY))
        {
            return (int)request.numeric(IsoFields.ACQUIRER_COUNTRY);
        }
        if (!request.has(IsoFields.CARD_ACCEPTOR_NAME) ||
            request.digitCount(IsoFields.CARD_ACCEPTOR_NAME) != CARD_ACCEPTOR_NAME_CHARS)
        {
            return 0;
        }
        int country = 0;
        for (int i = CARD_ACCEPTOR_NAME_CHARS - COUNTRY_DIGITS; i < CARD_ACCEPTOR_NAME_CHARS; i++)
        {
            final int c = request.charAt(IsoFields.CARD_ACCEPTOR_NAME, i);
            if (c < '0' || c > '9')
            {
                return 0;
            }
            country = country * 10 + c - '0';
        }
        return country;
    }

    private static long orProfile(final long own, final long profile)
    {
        return own != 0 ? own : profile;
    }

    /** Writes the rules, rates and all activity for a snapshot, in the digest's order. */
    void writeTo(final SnapshotOutput out)
    {
        rules.writeTo(out);
        rates.writeTo(out);
        cardActivity.writeTo(out, cards.count());
        merchantActivity.writeTo(out);
    }

    /** Replaces the rules, rates and activity with a snapshot's; the cards must be restored first. */
    void readFrom(final SnapshotInput in)
    {
        rules.readFrom(in);
        rates.readFrom(in);
        final int cardCount = cardActivity.readFrom(in, cards.count());
        if (cardCount != cards.count())
        {
            throw new SnapshotException("snapshot holds the activity of " + cardCount + " cards, not " + cards.count());
        }
        merchantActivity.readFrom(in);
    }
}
