package dev.junction.journal;

import org.agrona.DirectBuffer;

/** Receives input records from {@link JournalReader#readInputs}, in sequence order. */
@FunctionalInterface
public interface InputRecordHandler
{
    /**
     * One valid input record.
     *
     * @param payload the reader's buffer, reused for every record: the bytes in
     *                [{@code offset}, {@code offset + length}) are valid only during this call; copy
     *                what must outlive it.
     */
    void onInput(long sequence, byte kind, long ingressEpochNanos, long connectionId,
        DirectBuffer payload, int offset, int length);
}
