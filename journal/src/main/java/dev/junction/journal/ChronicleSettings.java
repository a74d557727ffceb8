package dev.junction.journal;

/**
 * Keeps Chronicle quiet before its first class initializes: no usage analytics (a payment switch never
 * phones home; the artifact is also excluded from the build) and no start-up banner. A property that is
 * already set, e.g. on the command line, is left as it is.
 */
final class ChronicleSettings
{
    static final String ANALYTICS_DISABLE = "chronicle.analytics.disable";
    static final String ANNOUNCER_DISABLE = "chronicle.announcer.disable";

    private ChronicleSettings()
    {
    }

    static void quiet()
    {
        setUnlessSet(ANALYTICS_DISABLE, "true");
        setUnlessSet(ANNOUNCER_DISABLE, "true");
    }

    private static void setUnlessSet(final String key, final String value)
    {
        if (System.getProperty(key) == null)
        {
            System.setProperty(key, value);
        }
    }
}
