package dev.junction.core.auth;

/**
 * Which limit declined a request, as {@link Decision#limitRule()} records it for the journal. The values
 * are part of the outcome format and never change meaning. Checked in this order:
 * <ol>
 *   <li>{@link #MERCHANT_CATEGORY}: field 18 is on the block list: 57;</li>
 *   <li>{@link #SINGLE_AMOUNT}: the amount exceeds the card's maximum single amount: 61;</li>
 *   <li>{@link #LARGE_UNVERIFIED}: the amount exceeds the large-amount threshold and there is neither a
 *       PIN (field 52) nor chip entry (field 22 mode 05 or 07): 57, the transaction is not permitted
 *       to this card that way;</li>
 *   <li>{@link #DAILY_COUNT}: one more approval today would exceed the card's daily count: 65;</li>
 *   <li>{@link #DAILY_AMOUNT}: the amount would take today's total past the card's daily amount: 61;</li>
 *   <li>{@link #SMALL_COUNT}, {@link #SMALL_AMOUNT}: an amount below the small-amount limit without a PIN
 *       would exceed today's small-amount allowance in count (65) or in amount (61). With a PIN it is an
 *       ordinary transaction and does not use the allowance.</li>
 * </ol>
 */
public final class Limits
{
    public static final int NONE = 0;
    public static final int MERCHANT_CATEGORY = 1;
    public static final int SINGLE_AMOUNT = 2;
    public static final int LARGE_UNVERIFIED = 3;
    public static final int DAILY_COUNT = 4;
    public static final int DAILY_AMOUNT = 5;
    public static final int SMALL_COUNT = 6;
    public static final int SMALL_AMOUNT = 7;

    private Limits()
    {
    }

    /** @return a short name for operator output. */
    public static String name(final int limitRule)
    {
        switch (limitRule)
        {
            case NONE: return "none";
            case MERCHANT_CATEGORY: return "merchant-category";
            case SINGLE_AMOUNT: return "single-amount";
            case LARGE_UNVERIFIED: return "large-unverified";
            case DAILY_COUNT: return "daily-count";
            case DAILY_AMOUNT: return "daily-amount";
            case SMALL_COUNT: return "small-count";
            case SMALL_AMOUNT: return "small-amount";
            default: return "unknown(" + limitRule + ")";
        }
    }
}
