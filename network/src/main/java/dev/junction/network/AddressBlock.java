package dev.junction.network;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * One entry of an acquirer's allowed source addresses: an exact IPv4 or IPv6 address, or a CIDR block
 * ({@code 10.1.0.0/16}, {@code 2001:db8::/32}). Literals only: a host name is refused, so that a check
 * at the door never waits on DNS. An IPv4 client seen through an IPv6 socket (::ffff:a.b.c.d) matches
 * its IPv4 form.
 */
final class AddressBlock
{
    private static final int IPV4_BYTES = 4;
    private static final int IPV6_BYTES = 16;
    private static final int IPV4_MAPPED_PREFIX = 10;

    private final String text;
    private final byte[] network;
    private final int prefixBits;

    private AddressBlock(final String text, final byte[] network, final int prefixBits)
    {
        this.text = text;
        this.network = network;
        this.prefixBits = prefixBits;
    }

    /** @throws IllegalArgumentException saying what is wrong with {@code text}. */
    static AddressBlock parse(final String text)
    {
        final int slash = text.indexOf('/');
        final String addressText = slash < 0 ? text : text.substring(0, slash);
        final byte[] address = literal(addressText);
        if (address == null)
        {
            throw new IllegalArgumentException("is not an IP address or a CIDR block (e.g. 10.1.2.3, 10.1.0.0/16, 2001:db8::/32)");
        }
        final int maxBits = address.length * 8;
        int prefixBits = maxBits;
        if (slash >= 0)
        {
            final String bits = text.substring(slash + 1);
            if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(c -> c >= '0' && c <= '9'))
            {
                throw new IllegalArgumentException("has a prefix length that is not a number");
            }
            prefixBits = Integer.parseInt(bits);
            if (prefixBits > maxBits)
            {
                throw new IllegalArgumentException("has a prefix length over " + maxBits);
            }
            for (int bit = prefixBits; bit < maxBits; bit++)
            {
                if ((address[bit >> 3] & (0x80 >>> (bit & 7))) != 0)
                {
                    throw new IllegalArgumentException("has host bits set after the first " + prefixBits +
                        " bits: the block would not say what is meant");
                }
            }
        }
        return new AddressBlock(text, address, prefixBits);
    }

    /** @return whether {@code address} is in this block. */
    boolean contains(final InetAddress address)
    {
        byte[] bytes = address.getAddress();
        if (bytes.length == IPV6_BYTES && network.length == IPV4_BYTES && isIpv4Mapped(bytes))
        {
            final byte[] ipv4 = new byte[IPV4_BYTES];
            System.arraycopy(bytes, IPV6_BYTES - IPV4_BYTES, ipv4, 0, IPV4_BYTES);
            bytes = ipv4;
        }
        if (bytes.length != network.length)
        {
            return false;
        }
        final int fullBytes = prefixBits >> 3;
        for (int i = 0; i < fullBytes; i++)
        {
            if (bytes[i] != network[i])
            {
                return false;
            }
        }
        final int restBits = prefixBits & 7;
        if (restBits == 0)
        {
            return true;
        }
        final int mask = (0xFF00 >>> restBits) & 0xFF;
        return (bytes[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    @Override
    public String toString()
    {
        return text;
    }

    private static boolean isIpv4Mapped(final byte[] bytes)
    {
        for (int i = 0; i < IPV4_MAPPED_PREFIX; i++)
        {
            if (bytes[i] != 0)
            {
                return false;
            }
        }
        return bytes[IPV4_MAPPED_PREFIX] == (byte)0xFF && bytes[IPV4_MAPPED_PREFIX + 1] == (byte)0xFF;
    }

    /** @return the address bytes of an IPv4 dotted quad or an IPv6 literal, else null; never a DNS lookup. */
    private static byte[] literal(final String text)
    {
        if (text.indexOf(':') < 0)
        {
            return ipv4(text);
        }
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c != ':' && c != '.' && Character.digit(c, 16) < 0)
            {
                return null;
            }
        }
        try
        {
            // Only hex digits, ':' and '.': InetAddress parses it as a literal and never asks DNS.
            // An IPv4-mapped literal comes back as the IPv4 address it maps.
            return InetAddress.getByName(text).getAddress();
        }
        catch (final UnknownHostException e)
        {
            return null;
        }
    }

    private static byte[] ipv4(final String text)
    {
        final String[] parts = text.split("\\.", -1);
        if (parts.length != IPV4_BYTES)
        {
            return null;
        }
        final byte[] bytes = new byte[IPV4_BYTES];
        for (int i = 0; i < IPV4_BYTES; i++)
        {
            final String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9'))
            {
                return null;
            }
            final int value = Integer.parseInt(part);
            if (value > 255)
            {
                return null;
            }
            bytes[i] = (byte)value;
        }
        return bytes;
    }
}
