package dev.junction.core.auth;

import java.util.Arrays;

import dev.junction.core.refdata.RiskAdminRecords;
import org.agrona.DirectBuffer;

/**
 * The rule set the authorizer's limits and risk scoring apply, with its version: the limits profile
 * (the per-card defaults and the small- and large-amount tiers), the scoring model (bias, feature
 * weights, thresholds), the merchant category table (risk weight and block flag per field 18 code)
 * and the terminal block list (field 41).
 * <p>
 * It changes only through journaled admin records (see {@code RiskAdminRecords}), so that a replay
 * reaches the same decisions; until the first one, the {@link #RiskRules built-in defaults} of version 0
 * apply. Each such record names a version at least the current one and makes it current: a rule set is
 * built from records sharing a version, and a record of an older version is refused, so importing an
 * old rule file again cannot roll the rules back. Every decision records the version it was made under.
 * <p>
 * Amount limits are in minor units of the account's currency (after conversion); a limit of 0 means
 * none. Weights are in thousandths of a logit. Authorizer-thread only; reading allocates nothing.
 */
public final class RiskRules
{
    /** Feature: the card's approvals in the velocity window reach more than the configured count. */
    public static final int VELOCITY_COUNT = 0;
    /** Feature: the card's approved amount in the velocity window would exceed the configured amount. */
    public static final int VELOCITY_AMOUNT = 1;
    /** Feature: the amount is more than the configured percentage of the card's running average. */
    public static final int ABOVE_AVERAGE = 2;
    /** Feature: the acquirer's country (field 19, or field 43's last three digits) is not the card's home. */
    public static final int COUNTRY_MISMATCH = 3;
    /** Feature: card not present: field 22 entry mode 01 manual, 10 credential on file, 81 e-commerce. */
    public static final int CARD_NOT_PRESENT = 4;
    /** Feature: field 22 entry mode 03, a bar code or QR code. */
    public static final int QR_CODE = 5;
    /** Feature: the merchant category has a risk weight; the weight of this feature scales it, in percent. */
    public static final int MERCHANT_CATEGORY = 6;
    /** Feature: the card has never been approved before. */
    public static final int FIRST_USE = 7;
    /** Feature: the terminal is on the block list. */
    public static final int BLOCKED_TERMINAL = 8;
    /** Feature: the merchant's approvals in the velocity window reach more than the configured count. */
    public static final int MERCHANT_VELOCITY = 9;
    /** The number of features: a decision's reason codes are a bitmask of {@code 1 << feature}. */
    public static final int FEATURES = 10;

    /** Merchant category codes are four digits. */
    public static final int MERCHANT_CATEGORIES = 10_000;
    /** The highest score: scores run from 0 to this. */
    public static final int MAX_SCORE = 999;

    private static final int PERCENT = 100;

    private final int blockedTerminalCapacity;
    private int version;

    private long maxSingleMinor;
    private long dailyAmountMinor;
    private int dailyCount;
    private long smallAmountLimitMinor;
    private int smallDailyCount;
    private long smallDailyAmountMinor;
    private long largeAmountMinor;

    private int biasMilli;
    private final short[] weightsMilli = new short[FEATURES];
    private int reviewScore;
    private int declineScore;
    private int velocityCountMax;
    private long velocityAmountMaxMinor;
    private int averagePercent;
    private int merchantCountMax;

    private final short[] categoryWeightsMilli = new short[MERCHANT_CATEGORIES];
    private final boolean[] categoryBlocked = new boolean[MERCHANT_CATEGORIES];
    private final long[] blockedTerminals;
    private int blockedTerminalCount;

    /**
     * The built-in rule set, version 0: no amount limits and no tiers (an issuer sets its own), and a
     * model that flags a card-not-present purchase from abroad for review and declines on a blocked
     * terminal, with weights for the riskier merchant categories (quasi-cash, wire transfers, gambling).
     */
    RiskRules(final int blockedTerminalCapacity)
    {
        this.blockedTerminalCapacity = blockedTerminalCapacity;
        blockedTerminals = new long[blockedTerminalCapacity];
        model(-3_000, new short[] {1_500, 1_500, 1_000, 2_000, 1_500, 800, 100, 500, 6_000, 1_000},
            500, 900, 10, 500_000, 500, 200);
        category(4829, 1_500, false);
        category(6051, 1_500, false);
        category(6211, 800, false);
        category(5967, 1_000, false);
        category(7995, 2_000, false);
    }

    public int version()
    {
        return version;
    }

    /** @return whether a record naming {@code recordVersion} may change the rules; if so it becomes current. */
    boolean accept(final int recordVersion)
    {
        if (recordVersion < version)
        {
            return false;
        }
        version = recordVersion;
        return true;
    }

    void profile(final long maxSingleMinor, final long dailyAmountMinor, final int dailyCount,
        final long smallAmountLimitMinor, final int smallDailyCount, final long smallDailyAmountMinor,
        final long largeAmountMinor)
    {
        this.maxSingleMinor = maxSingleMinor;
        this.dailyAmountMinor = dailyAmountMinor;
        this.dailyCount = dailyCount;
        this.smallAmountLimitMinor = smallAmountLimitMinor;
        this.smallDailyCount = smallDailyCount;
        this.smallDailyAmountMinor = smallDailyAmountMinor;
        this.largeAmountMinor = largeAmountMinor;
    }

    void model(final int biasMilli, final short[] weightsMilli, final int reviewScore, final int declineScore,
        final int velocityCountMax, final long velocityAmountMaxMinor, final int averagePercent,
        final int merchantCountMax)
    {
        this.biasMilli = biasMilli;
        System.arraycopy(weightsMilli, 0, this.weightsMilli, 0, FEATURES);
        this.reviewScore = reviewScore;
        this.declineScore = declineScore;
        this.velocityCountMax = velocityCountMax;
        this.velocityAmountMaxMinor = velocityAmountMaxMinor;
        this.averagePercent = averagePercent;
        this.merchantCountMax = merchantCountMax;
    }

    /** Replaces the model with a risk model admin record's. */
    void model(final DirectBuffer record, final int offset)
    {
        biasMilli = RiskAdminRecords.modelBiasMilli(record, offset);
        for (int i = 0; i < FEATURES; i++)
        {
            weightsMilli[i] = RiskAdminRecords.modelWeightMilli(record, offset, i);
        }
        reviewScore = RiskAdminRecords.modelReviewScore(record, offset);
        declineScore = RiskAdminRecords.modelDeclineScore(record, offset);
        velocityCountMax = RiskAdminRecords.modelVelocityCountMax(record, offset);
        velocityAmountMaxMinor = RiskAdminRecords.modelVelocityAmountMaxMinor(record, offset);
        averagePercent = RiskAdminRecords.modelAveragePercent(record, offset);
        merchantCountMax = RiskAdminRecords.modelMerchantCountMax(record, offset);
    }

    void category(final int merchantCategory, final int weightMilli, final boolean blocked)
    {
        categoryWeightsMilli[merchantCategory] = (short)weightMilli;
        categoryBlocked[merchantCategory] = blocked;
    }

    /** @return whether the terminal block list has no room for another terminal. */
    boolean blockedTerminalsFull()
    {
        return blockedTerminalCount == blockedTerminalCapacity;
    }

    /** Adds or removes a terminal; @return false when the list is full. */
    boolean terminal(final long terminalId, final boolean blocked)
    {
        final int at = Arrays.binarySearch(blockedTerminals, 0, blockedTerminalCount, terminalId);
        if (blocked == at >= 0)
        {
            return true;
        }
        if (blocked)
        {
            if (blockedTerminalCount == blockedTerminalCapacity)
            {
                return false;
            }
            final int insert = -at - 1;
            System.arraycopy(blockedTerminals, insert, blockedTerminals, insert + 1, blockedTerminalCount - insert);
            blockedTerminals[insert] = terminalId;
            blockedTerminalCount++;
        }
        else
        {
            System.arraycopy(blockedTerminals, at + 1, blockedTerminals, at, blockedTerminalCount - at - 1);
            blockedTerminalCount--;
        }
        return true;
    }

    public long maxSingleMinor()
    {
        return maxSingleMinor;
    }

    public long dailyAmountMinor()
    {
        return dailyAmountMinor;
    }

    public int dailyCount()
    {
        return dailyCount;
    }

    /** @return the amount below which a transaction without PIN counts against the small-amount allowance; 0: no tier. */
    public long smallAmountLimitMinor()
    {
        return smallAmountLimitMinor;
    }

    public int smallDailyCount()
    {
        return smallDailyCount;
    }

    public long smallDailyAmountMinor()
    {
        return smallDailyAmountMinor;
    }

    /** @return the amount above which a PIN or chip is required; 0: no tier. */
    public long largeAmountMinor()
    {
        return largeAmountMinor;
    }

    public int biasMilli()
    {
        return biasMilli;
    }

    public int weightMilli(final int feature)
    {
        return weightsMilli[feature];
    }

    /** @return the score from which an approval is flagged for review. */
    public int reviewScore()
    {
        return reviewScore;
    }

    /** @return the score from which a request is declined 59. */
    public int declineScore()
    {
        return declineScore;
    }

    public int velocityCountMax()
    {
        return velocityCountMax;
    }

    public long velocityAmountMaxMinor()
    {
        return velocityAmountMaxMinor;
    }

    public int averagePercent()
    {
        return averagePercent;
    }

    public int merchantCountMax()
    {
        return merchantCountMax;
    }

    /** @return the category's risk term in thousandths of a logit: its weight scaled by the feature's percentage. */
    int categoryTermMilli(final int merchantCategory)
    {
        return categoryWeightsMilli[merchantCategory] * weightsMilli[MERCHANT_CATEGORY] / PERCENT;
    }

    public int categoryWeightMilli(final int merchantCategory)
    {
        return categoryWeightsMilli[merchantCategory];
    }

    public boolean isCategoryBlocked(final int merchantCategory)
    {
        return categoryBlocked[merchantCategory];
    }

    public boolean isTerminalBlocked(final long terminalId)
    {
        return blockedTerminalCount > 0 && Arrays.binarySearch(blockedTerminals, 0, blockedTerminalCount, terminalId) >= 0;
    }

    /** Adds the whole rule set to a digest, in a fixed order. */
    long digest(final long seed)
    {
        long hash = StateDigest.mix(seed, version);
        hash = StateDigest.mix(hash, maxSingleMinor);
        hash = StateDigest.mix(hash, dailyAmountMinor);
        hash = StateDigest.mix(hash, dailyCount);
        hash = StateDigest.mix(hash, smallAmountLimitMinor);
        hash = StateDigest.mix(hash, smallDailyCount);
        hash = StateDigest.mix(hash, smallDailyAmountMinor);
        hash = StateDigest.mix(hash, largeAmountMinor);
        hash = StateDigest.mix(hash, biasMilli);
        for (int i = 0; i < FEATURES; i++)
        {
            hash = StateDigest.mix(hash, weightsMilli[i]);
        }
        hash = StateDigest.mix(hash, (long)reviewScore << 32 | declineScore);
        hash = StateDigest.mix(hash, (long)velocityCountMax << 32 | merchantCountMax);
        hash = StateDigest.mix(hash, velocityAmountMaxMinor);
        hash = StateDigest.mix(hash, averagePercent);
        for (int i = 0; i < MERCHANT_CATEGORIES; i++)
        {
            if (categoryWeightsMilli[i] != 0 || categoryBlocked[i])
            {
                hash = StateDigest.mix(hash, (long)i << 32 | (categoryWeightsMilli[i] & 0xFFFF) << 1 |
                    (categoryBlocked[i] ? 1 : 0));
            }
        }
        hash = StateDigest.mix(hash, blockedTerminalCount);
        for (int i = 0; i < blockedTerminalCount; i++)
        {
            hash = StateDigest.mix(hash, blockedTerminals[i]);
        }
        return hash;
    }

    /** Writes the whole rule set for a snapshot. */
    void writeTo(final SnapshotOutput out)
    {
        out.writeInt(version);
        out.writeLong(maxSingleMinor);
        out.writeLong(dailyAmountMinor);
        out.writeInt(dailyCount);
        out.writeLong(smallAmountLimitMinor);
        out.writeInt(smallDailyCount);
        out.writeLong(smallDailyAmountMinor);
        out.writeLong(largeAmountMinor);
        out.writeInt(biasMilli);
        for (int i = 0; i < FEATURES; i++)
        {
            out.writeShort(weightsMilli[i]);
        }
        out.writeInt(reviewScore);
        out.writeInt(declineScore);
        out.writeInt(velocityCountMax);
        out.writeLong(velocityAmountMaxMinor);
        out.writeInt(averagePercent);
        out.writeInt(merchantCountMax);
        for (int i = 0; i < MERCHANT_CATEGORIES; i++)
        {
            out.writeShort(categoryWeightsMilli[i]);
            out.writeBoolean(categoryBlocked[i]);
        }
        out.writeInt(blockedTerminalCount);
        for (int i = 0; i < blockedTerminalCount; i++)
        {
            out.writeLong(blockedTerminals[i]);
        }
    }

    void readFrom(final SnapshotInput in)
    {
        version = in.readInt();
        maxSingleMinor = in.readLong();
        dailyAmountMinor = in.readLong();
        dailyCount = in.readInt();
        smallAmountLimitMinor = in.readLong();
        smallDailyCount = in.readInt();
        smallDailyAmountMinor = in.readLong();
        largeAmountMinor = in.readLong();
        biasMilli = in.readInt();
        for (int i = 0; i < FEATURES; i++)
        {
            weightsMilli[i] = in.readShort();
        }
        reviewScore = in.readInt();
        declineScore = in.readInt();
        velocityCountMax = in.readInt();
        velocityAmountMaxMinor = in.readLong();
        averagePercent = in.readInt();
        merchantCountMax = in.readInt();
        for (int i = 0; i < MERCHANT_CATEGORIES; i++)
        {
            categoryWeightsMilli[i] = in.readShort();
            categoryBlocked[i] = in.readBoolean();
        }
        blockedTerminalCount = in.readCount(blockedTerminalCapacity, "blocked terminals");
        for (int i = 0; i < blockedTerminalCount; i++)
        {
            blockedTerminals[i] = in.readLong();
        }
    }
}
