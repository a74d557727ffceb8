package dev.junction.network.admin;

import dev.junction.core.refdata.Pans;

/**
 * Makes a message safe for an HTTP answer and a log line: one line, bounded, and every run of 12 to 19
 * digits (what a PAN looks like) masked. Messages come from the actions' implementation; this is the last
 * guard that no full card number leaves the endpoint.
 */
final class OneLine
{
    /** Longest message answered or logged. */
    static final int MAX_LENGTH = 500;

    private OneLine()
    {
    }

    static String of(final String message)
    {
        if (message == null || message.isEmpty())
        {
            return "";
        }
        final StringBuilder out = new StringBuilder(Math.min(message.length(), MAX_LENGTH) + 16);
        int i = 0;
        while (i < message.length() && out.length() < MAX_LENGTH)
        {
            final char c = message.charAt(i);
            if (c >= '0' && c <= '9')
            {
                int end = i;
                while (end < message.length() && message.charAt(end) >= '0' && message.charAt(end) <= '9')
                {
                    end++;
                }
                final String digits = message.substring(i, end);
                out.append(digits.length() >= Pans.MIN_DIGITS && digits.length() <= Pans.MAX_DIGITS ?
                    Pans.mask(digits) : digits);
                i = end;
            }
            else
            {
                out.append(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
                i++;
            }
        }
        if (i < message.length())
        {
            out.setLength(Math.min(out.length(), MAX_LENGTH));
            out.append(" ...");
        }
        return out.toString();
    }
}
