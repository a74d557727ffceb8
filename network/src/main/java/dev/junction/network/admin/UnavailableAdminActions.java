package dev.junction.network.admin;

/**
 * The actions of a build that has the admin endpoint but not yet the ring side of its actions: every
 * action answers 501, so an operator learns at once that the request was understood and not applied.
 */
public final class UnavailableAdminActions implements AdminActions
{
    private static final AdminResult NOT_AVAILABLE = new AdminResult(501, "not available in this build");

    @Override
    public AdminResult blockCard(final String pan, final String actor)
    {
        return NOT_AVAILABLE;
    }

    @Override
    public AdminResult unblockCard(final String pan, final String actor)
    {
        return NOT_AVAILABLE;
    }

    @Override
    public AdminResult setCardLimits(final String pan, final long maxSingleMinor, final long dailyAmountMinor,
        final int dailyCount, final String actor)
    {
        return NOT_AVAILABLE;
    }

    @Override
    public AdminResult adjustAccount(final long accountId, final long amountMinor, final int currency,
        final String reference, final String actor)
    {
        return NOT_AVAILABLE;
    }

    @Override
    public AdminResult loadReferenceData(final String accountsCsv, final String cardsCsv, final String actor)
    {
        return NOT_AVAILABLE;
    }

    @Override
    public AdminResult cutover(final String actor)
    {
        return NOT_AVAILABLE;
    }

    @Override
    public AdminResult snapshot(final String actor)
    {
        return NOT_AVAILABLE;
    }
}
