package dev.junction.core.auth;

/**
 * The logistic function in integers: turns a sum of weights in thousandths of a logit into a score from
 * 0 to {@link RiskRules#MAX_SCORE}, round(999 / (1 + e^-z)). The table is computed once with
 * {@link StrictMath}, whose results are the same on every JVM, so the scores (and the decisions made on
 * them) are the same in the live run and in any replay; no floating point is used after that.
 */
public final class RiskScore
{
    /** Sums beyond ±8 logits score as at ±8 (0 and 999). */
    public static final int MAX_LOGIT_MILLI = 8_000;
    private static final int STEP_MILLI = 8;
    private static final int[] SCORES = new int[2 * MAX_LOGIT_MILLI / STEP_MILLI + 1];

    static
    {
        for (int i = 0; i < SCORES.length; i++)
        {
            final double logit = (i * STEP_MILLI - MAX_LOGIT_MILLI) / 1_000.0;
            SCORES[i] = (int)StrictMath.round(RiskRules.MAX_SCORE / (1.0 + StrictMath.exp(-logit)));
        }
    }

    private RiskScore()
    {
    }

    /** @return the score of a weighted sum {@code logitMilli}, from 0 to 999; monotonic in its argument. */
    public static int score(final long logitMilli)
    {
        final long clamped = Math.max(-MAX_LOGIT_MILLI, Math.min(MAX_LOGIT_MILLI, logitMilli));
        return SCORES[(int)Math.floorDiv(clamped + MAX_LOGIT_MILLI, STEP_MILLI)];
    }
}
