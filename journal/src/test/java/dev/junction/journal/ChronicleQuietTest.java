package dev.junction.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChronicleQuietTest
{
    @TempDir
    Path dataDir;

    @Test
    void chronicleAnalyticsIsNotOnTheClasspath()
    {
        assertThrows(ClassNotFoundException.class,
            () -> Class.forName("net.openhft.chronicle.analytics.Analytics"));
    }

    @Test
    void analyticsAndTheBannerAreSwitchedOffOnceAJournalIsOpen()
    {
        try (ChronicleJournal journal = new ChronicleJournal(dataDir))
        {
            assertEquals("true", System.getProperty(ChronicleSettings.ANALYTICS_DISABLE));
            assertEquals("true", System.getProperty(ChronicleSettings.ANNOUNCER_DISABLE));
        }
    }
}
