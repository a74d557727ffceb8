package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The acquirers file: what it accepts, and one line naming file, line and column for what it does not. */
class AcquirersFileTest
{
    private static final String HEADER = "institution_id,allowed_addresses,mac_algorithm,mac_key\n";
    private static final String KEY_HEX = "0123456789abcdeffedcba9876543210";
    private static final Map<String, String> ENV = Map.of("BANK_A_KEY", KEY_HEX);

    @TempDir
    Path dir;

    @Test
    void aGoodFileNamesEachInstitutionItsAddressesAndItsMac() throws Exception
    {
        Files.writeString(dir.resolve("bank-b.key"), "  " + KEY_HEX.toUpperCase() + "\n");
        final Acquirers acquirers = load(HEADER +
            "# comment lines and blank lines are skipped\n" +
            "\n" +
            "123456,127.0.0.1;10.1.0.0/16,hmac-sha256,env:BANK_A_KEY\n" +
            "0042, 192.168.7.20 ; 2001:db8::/32 ,iso9797-alg3,file:bank-b.key,extra column ignored\n" +
            "777,0.0.0.0/0,,\n");

        assertEquals(3, acquirers.all().size());
        assertEquals(2, acquirers.withMac());
        final Acquirer a = acquirers.find(123_456, 6);
        assertNotNull(a);
        assertEquals(MacAlgorithm.HMAC_SHA256, a.macAlgorithm());
        assertTrue(a.allows(InetAddress.getByName("127.0.0.1")));
        assertTrue(a.allows(InetAddress.getByName("10.1.255.3")));
        assertFalse(a.allows(InetAddress.getByName("10.2.0.1")));
        final Acquirer b = acquirers.find(42, 4);
        assertNotNull(b, "0042 is found as the 4 digits it has");
        assertNull(acquirers.find(42, 2), "42 is another institution than 0042");
        assertEquals(MacAlgorithm.ISO9797_ALG3, b.macAlgorithm());
        assertTrue(b.allows(InetAddress.getByName("2001:db8:1::5")));
        assertTrue(b.allows(InetAddress.getByName("::ffff:192.168.7.20")), "an IPv4 client seen through IPv6");
        assertFalse(b.allows(InetAddress.getByName("192.168.7.21")));
        assertNull(acquirers.find(777, 3).newMessageMac(), "no MAC configured");
        assertTrue(acquirers.find(777, 3).allows(InetAddress.getByName("203.0.113.9")));
        assertFalse(a.toString().contains(KEY_HEX) || a.toString().toLowerCase().contains("0123456789"), a.toString());
    }

    @Test
    void aBadCidrBlockNamesTheLineAndTheColumn()
    {
        assertEquals("acquirers.csv:3: allowed_addresses '10.0.0.0/33' has a prefix length over 32",
            error(HEADER + "1,127.0.0.1,,\n2,127.0.0.1;10.0.0.0/33,,\n"));
        assertEquals("acquirers.csv:2: allowed_addresses '10.1.0.1/16' has host bits set after the first 16 bits: " +
            "the block would not say what is meant", error(HEADER + "1,10.1.0.1/16,,\n"));
        assertEquals("acquirers.csv:2: allowed_addresses 'bank.example.com' is not an IP address or a CIDR block " +
            "(e.g. 10.1.2.3, 10.1.0.0/16, 2001:db8::/32)", error(HEADER + "1,bank.example.com,,\n"));
        assertEquals("acquirers.csv:2: allowed_addresses is empty; name the addresses or CIDR blocks this acquirer " +
            "connects from (0.0.0.0/0 for anywhere)", error(HEADER + "1,,,\n"));
    }

    @Test
    void aMissingEnvironmentVariableNamesTheLineAndTheVariable()
    {
        assertEquals("acquirers.csv:2: mac_key 'env:BANK_Z_KEY': environment variable BANK_Z_KEY is not set",
            error(HEADER + "1,127.0.0.1,hmac-sha256,env:BANK_Z_KEY\n"));
    }

    @Test
    void badHexNamesTheLineAndNeverShowsTheKey() throws Exception
    {
        final String secret = "0123456789abcdeffedcba987654321G";
        Files.writeString(dir.resolve("bad.key"), secret);
        final String message = error(HEADER + "1,127.0.0.1,hmac-sha256,file:bad.key\n");
        assertEquals("acquirers.csv:2: mac_key 'file:bad.key': file:bad.key holds a character that is not a hex digit",
            message);
        assertFalse(message.contains("0123456789"), message);
        Files.writeString(dir.resolve("odd.key"), KEY_HEX + "1");
        assertEquals("acquirers.csv:2: mac_key 'file:odd.key': file:odd.key holds an odd number of hex digits",
            error(HEADER + "1,127.0.0.1,hmac-sha256,file:odd.key\n"));
    }

    @Test
    void aKeyTypedInlineIsRefusedAndNotRepeated()
    {
        final String message = error(HEADER + "1,127.0.0.1,hmac-sha256," + KEY_HEX + "\n");
        assertEquals("acquirers.csv:2: mac_key must be env:NAME or file:PATH (a reference to the key, never the key)",
            message);
    }

    @Test
    void otherMistakesAreNamedToo() throws Exception
    {
        assertEquals("acquirers.csv:2: mac_key 'env:SHORT': the key is 8 bytes; hmac-sha256 needs 16 to 64 bytes " +
            "(32 to 128 hex digits)", error(HEADER + "1,127.0.0.1,hmac-sha256,env:SHORT\n"));
        assertEquals("acquirers.csv:2: mac_key 'env:SHORT': the key is 8 bytes; iso9797-alg3 needs exactly 16 " +
            "(32 hex digits)", error(HEADER + "1,127.0.0.1,iso9797-alg3,env:SHORT\n"));
        assertEquals("acquirers.csv:2: mac_algorithm 'cbc-mac' is not one of hmac-sha256, iso9797-alg3",
            error(HEADER + "1,127.0.0.1,cbc-mac,env:BANK_A_KEY\n"));
        assertEquals("acquirers.csv:2: mac_key is empty while mac_algorithm is set: give both, or neither for no MAC",
            error(HEADER + "1,127.0.0.1,hmac-sha256,\n"));
        assertEquals("acquirers.csv:3: institution_id '1' is already named on line 2",
            error(HEADER + "1,127.0.0.1,,\n1,10.0.0.1,,\n"));
        assertEquals("acquirers.csv:2: institution_id '123456789012' is not 1 to 11 digits (field 32)",
            error(HEADER + "123456789012,127.0.0.1,,\n"));
        assertEquals("acquirers.csv:1: the header must start with institution_id,allowed_addresses,mac_algorithm," +
            "mac_key (column 2 is 'addresses')", error("institution_id,addresses,mac_algorithm,mac_key\n"));
        assertEquals("acquirers.csv: names no acquirer; without --acquirers the switch runs open", error(HEADER));
        assertEquals("acquirers.csv:2: has 2 columns; expected at least 4 (institution_id,allowed_addresses," +
            "mac_algorithm,mac_key)", error(HEADER + "1,127.0.0.1\n"));
    }

    @Test
    void aBadFileStopsTheStartWithItsOneLine() throws Exception
    {
        final Path file = Files.writeString(dir.resolve("acquirers.csv"), HEADER + "1,10.0.0.0/33,,\n");
        final StartupException e = assertThrows(StartupException.class,
            () -> TestSwitch.start(TestSwitch.configIn(dir).acquirersFile(file).build()));
        assertEquals(file + ":2: allowed_addresses '10.0.0.0/33' has a prefix length over 32", e.getMessage());
    }

    private Acquirers load(final String text) throws Exception
    {
        return Acquirers.load(Files.writeString(dir.resolve("acquirers.csv"), text), ENV::get);
    }

    /** @return the error message with the temporary directory taken out of the file name. */
    private String error(final String text)
    {
        final Map<String, String> env = Map.of("BANK_A_KEY", KEY_HEX, "SHORT", "0123456789abcdef");
        final AcquirersFileException e = assertThrows(AcquirersFileException.class,
            () -> Acquirers.load(Files.writeString(dir.resolve("acquirers.csv"), text), env::get));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage().replace(dir.resolve("acquirers.csv").toString(), "acquirers.csv");
    }
}
