package dev.junction.core.auth;

import dev.junction.core.refdata.AdminRecords;
import dev.junction.core.refdata.RiskAdminRecords;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Sends the limits, rules and rates admin records to a {@link Lifecycle}'s authorizer, for the
 * specification tests. The model's weights are given in feature order ({@code RiskRules.*}).
 */
final class RiskRecords
{
    /** The built-in model's weights, in feature order. */
    static final short[] DEFAULT_WEIGHTS = {1_500, 1_500, 1_000, 2_000, 1_500, 800, 100, 500, 6_000, 1_000};

    private RiskRecords()
    {
    }

    static int cardLimits(final Lifecycle lifecycle, final String pan, final long maxSingleMinor,
        final long dailyAmountMinor, final int dailyCount)
    {
        final UnsafeBuffer buffer = buffer();
        return lifecycle.admin(buffer, RiskAdminRecords.writeCardLimits(buffer, 0, pan, maxSingleMinor, dailyAmountMinor,
            dailyCount)).adminResult();
    }

    static int profile(final Lifecycle lifecycle, final int version, final long maxSingleMinor,
        final long dailyAmountMinor, final int dailyCount, final long smallAmountLimitMinor, final int smallDailyCount,
        final long smallDailyAmountMinor, final long largeAmountMinor)
    {
        final UnsafeBuffer buffer = buffer();
        return lifecycle.admin(buffer, RiskAdminRecords.writeLimitsProfile(buffer, 0, version, maxSingleMinor,
            dailyAmountMinor, dailyCount, smallAmountLimitMinor, smallDailyCount, smallDailyAmountMinor,
            largeAmountMinor)).adminResult();
    }

    static int model(final Lifecycle lifecycle, final int version, final int biasMilli, final short[] weightsMilli,
        final int reviewScore, final int declineScore, final int velocityCountMax, final long velocityAmountMaxMinor,
        final int averagePercent, final int merchantCountMax)
    {
        final UnsafeBuffer buffer = buffer();
        return lifecycle.admin(buffer, RiskAdminRecords.writeRiskModel(buffer, 0, version, biasMilli, weightsMilli,
            reviewScore, declineScore, velocityCountMax, velocityAmountMaxMinor, averagePercent, merchantCountMax))
            .adminResult();
    }

    /** The built-in model with other thresholds. */
    static int thresholds(final Lifecycle lifecycle, final int version, final int reviewScore, final int declineScore)
    {
        return model(lifecycle, version, -3_000, DEFAULT_WEIGHTS, reviewScore, declineScore, 10, 500_000, 500, 200);
    }

    static int category(final Lifecycle lifecycle, final int version, final int merchantCategory, final int weightMilli,
        final boolean blocked)
    {
        final UnsafeBuffer buffer = buffer();
        return lifecycle.admin(buffer, RiskAdminRecords.writeMerchantCategory(buffer, 0, version, merchantCategory,
            weightMilli, blocked)).adminResult();
    }

    static int terminal(final Lifecycle lifecycle, final int version, final String terminalId, final boolean blocked)
    {
        final UnsafeBuffer buffer = buffer();
        return lifecycle.admin(buffer, RiskAdminRecords.writeTerminal(buffer, 0, version, terminalId, blocked))
            .adminResult();
    }

    static int rate(final Lifecycle lifecycle, final int version, final int fromCurrency, final int toCurrency,
        final int rate)
    {
        final UnsafeBuffer buffer = buffer();
        return lifecycle.admin(buffer, RiskAdminRecords.writeCurrencyRate(buffer, 0, version, fromCurrency, toCurrency,
            rate)).adminResult();
    }

    private static UnsafeBuffer buffer()
    {
        return new UnsafeBuffer(new byte[AdminRecords.MAX_LENGTH]);
    }
}
