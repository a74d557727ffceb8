package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;

/**
 * The switch starts with Netty's leak detector off (its sampling fills in a stack trace on the event loop),
 * unless the operator named a level. The tests' own paranoid level is restored after each case.
 */
class LeakDetectionTest
{
    @Test
    void turnsTheDetectorOffWhenNoLevelIsAsked()
    {
        final String property = System.getProperty(LeakDetection.LEVEL_PROPERTY);
        final ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        try
        {
            System.clearProperty(LeakDetection.LEVEL_PROPERTY);
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
            LeakDetection.offUnlessAsked();
            assertEquals(ResourceLeakDetector.Level.DISABLED, ResourceLeakDetector.getLevel());
        }
        finally
        {
            restore(property, level);
        }
    }

    @Test
    void leavesTheLevelTheOperatorAskedFor()
    {
        final String property = System.getProperty(LeakDetection.LEVEL_PROPERTY);
        final ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        try
        {
            System.setProperty(LeakDetection.LEVEL_PROPERTY, "simple");
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
            LeakDetection.offUnlessAsked();
            assertEquals(ResourceLeakDetector.Level.SIMPLE, ResourceLeakDetector.getLevel());
        }
        finally
        {
            restore(property, level);
        }
    }

    private static void restore(final String property, final ResourceLeakDetector.Level level)
    {
        if (property == null)
        {
            System.clearProperty(LeakDetection.LEVEL_PROPERTY);
        }
        else
        {
            System.setProperty(LeakDetection.LEVEL_PROPERTY, property);
        }
        ResourceLeakDetector.setLevel(level);
    }
}
