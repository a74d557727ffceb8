package dev.junction.network;

import io.netty.util.ResourceLeakDetector;

/**
 * Netty's buffer-leak detector in a running switch. By default Netty samples one buffer in 128 and, for
 * each, records where it was made: a stack trace filled in on the event loop, which is allocation and work
 * on the request path that a switch must not do per message. The tests run the detector at its paranoid
 * level on every buffer (the Surefire argLine) and fail on any leak it reports, so the switch and the echo
 * floor turn it off when they start, unless the operator asked for a level with
 * {@code -Dio.netty.leakDetection.level=...} (for instance {@code simple}, through {@code JUNCTION_JAVA_OPTS},
 * to look for a leak in production).
 */
public final class LeakDetection
{
    /** Netty's own property: when set, its level stands. */
    static final String LEVEL_PROPERTY = "io.netty.leakDetection.level";

    private LeakDetection()
    {
    }

    /** Turns the detector off unless {@value #LEVEL_PROPERTY} is set; call before the first buffer is made. */
    public static void offUnlessAsked()
    {
        if (System.getProperty(LEVEL_PROPERTY) == null)
        {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }
}
