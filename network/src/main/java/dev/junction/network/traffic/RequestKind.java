package dev.junction.network.traffic;

/**
 * The kinds of request the load generator can mix, and what each is on the wire. The switch answers
 * only some of them with business logic today (the others get {@code 12}), but the generator sends
 * each as an acquirer would, so that the same mix keeps working as the switch grows.
 */
public enum RequestKind
{
    /** 0100 authorization, processing code 000000 (goods and services): places a hold. */
    AUTH("auth", 100, 0),
    /** 0200 financial, processing code 000000: posts at once. */
    PURCHASE("purchase", 200, 0),
    /** 0200 financial, processing code 200000 (refund, returns). */
    REFUND("refund", 200, 200_000),
    /** 0100 with processing code 310000 (balance inquiry), amount 0. */
    INQUIRY("inquiry", 100, 310_000),
    /** 0400 reversal of this connection's last authorization, with field 90 (original data elements). */
    REVERSAL("reversal", 400, 0),
    /** 0800 network management, field 70 = 301 (echo test). */
    ECHO("echo", 800, 0);

    private static final RequestKind[] ALL = values();

    private final String optionName;
    private final int mti;
    private final int processingCode;

    RequestKind(final String optionName, final int mti, final int processingCode)
    {
        this.optionName = optionName;
        this.mti = mti;
        this.processingCode = processingCode;
    }

    /** @return the name used in {@code --mix} and in reports. */
    public String optionName()
    {
        return optionName;
    }

    /** @return the request MTI as a decimal number (0100 is 100). */
    public int mti()
    {
        return mti;
    }

    /** @return field 3, for the kinds that carry it. */
    public int processingCode()
    {
        return processingCode;
    }

    /** @return true when the request carries a card, processing code and amount (all but the echo). */
    public boolean isFinancial()
    {
        return this != ECHO;
    }

    /** @return the answer's MTI: the request's + 10 (0100 → 0110, 0400 → 0410). */
    public int answerMti()
    {
        return mti + 10;
    }

    /** @return the kind named {@code name} in {@code --mix}, or null. */
    public static RequestKind byOptionName(final String name)
    {
        for (final RequestKind kind : ALL)
        {
            if (kind.optionName.equals(name))
            {
                return kind;
            }
        }
        return null;
    }

    /** @return how many kinds there are (the ordinals run 0 to this, exclusive). */
    public static int count()
    {
        return ALL.length;
    }

    /** @return the kind with this ordinal, without the copy {@code values()} makes. */
    public static RequestKind byOrdinal(final int ordinal)
    {
        return ALL[ordinal];
    }
}
