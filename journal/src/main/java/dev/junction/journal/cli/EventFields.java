package dev.junction.journal.cli;

import java.io.PrintWriter;

/**
 * Where {@code dump} writes one event's fields: the same names and values as a text line of
 * {@code key=value} pairs or as a JSON object on one line, so the two formats never disagree.
 */
interface EventFields
{
    void put(String key, String value);

    void put(String key, long value);

    /** A flag that is set: the bare word in text, {@code "key":true} in JSON. */
    void flag(String key);

    /** The outcome's fields follow. */
    void beginOutcome();

    /** The event has no journaled outcome. */
    void noOutcome();

    /** Ends the line and writes it. */
    void end(PrintWriter out);

    /** {@code 12 time=... kind=request mti=0100 ... -> mti=0110 rc=00 ...}. */
    final class Text implements EventFields
    {
        private final StringBuilder line = new StringBuilder(256);

        @Override
        public void put(final String key, final String value)
        {
            separate();
            line.append(key).append('=');
            final boolean quote = value.isEmpty() || value.indexOf(' ') >= 0 || value.indexOf('"') >= 0;
            if (quote)
            {
                line.append('"');
            }
            for (int i = 0; i < value.length(); i++)
            {
                final char c = value.charAt(i);
                if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\')
                {
                    line.append(String.format("\\x%02x", (int)c));
                }
                else
                {
                    line.append(c);
                }
            }
            if (quote)
            {
                line.append('"');
            }
        }

        @Override
        public void put(final String key, final long value)
        {
            separate();
            line.append(key).append('=').append(value);
        }

        @Override
        public void flag(final String key)
        {
            separate();
            line.append(key);
        }

        @Override
        public void beginOutcome()
        {
            line.append(" ->");
        }

        @Override
        public void noOutcome()
        {
            line.append(" -> no outcome");
        }

        @Override
        public void end(final PrintWriter out)
        {
            out.println(line);
            line.setLength(0);
        }

        private void separate()
        {
            if (line.length() > 0)
            {
                line.append(' ');
            }
        }
    }

    /** {@code {"seq":12,"time":"...",...,"outcome":{...}}}: one JSON object per line. */
    final class Json implements EventFields
    {
        private final StringBuilder line = new StringBuilder(256);
        private boolean inOutcome;

        @Override
        public void put(final String key, final String value)
        {
            key(key);
            quoted(line, value);
        }

        @Override
        public void put(final String key, final long value)
        {
            key(key);
            line.append(value);
        }

        @Override
        public void flag(final String key)
        {
            key(key);
            line.append("true");
        }

        @Override
        public void beginOutcome()
        {
            key("outcome");
            line.append('{');
            inOutcome = true;
        }

        @Override
        public void noOutcome()
        {
            key("outcome");
            line.append("null");
        }

        @Override
        public void end(final PrintWriter out)
        {
            if (inOutcome)
            {
                line.append('}');
            }
            line.append('}');
            out.println(line);
            line.setLength(0);
            inOutcome = false;
        }

        private void key(final String key)
        {
            final char last = line.length() == 0 ? 0 : line.charAt(line.length() - 1);
            if (line.length() == 0)
            {
                line.append('{');
            }
            else if (last != '{')
            {
                line.append(',');
            }
            quoted(line, key);
            line.append(':');
        }

        static void quoted(final StringBuilder out, final String value)
        {
            out.append('"');
            for (int i = 0; i < value.length(); i++)
            {
                final char c = value.charAt(i);
                if (c == '"' || c == '\\')
                {
                    out.append('\\').append(c);
                }
                else if (c < 0x20 || c >= 0x7f)
                {
                    out.append(String.format("\\u%04x", (int)c));
                }
                else
                {
                    out.append(c);
                }
            }
            out.append('"');
        }
    }
}
