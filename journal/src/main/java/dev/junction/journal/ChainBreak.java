package dev.junction.journal;

/**
 * The first record of a queue that {@code journal verify} found not to be what the writer wrote, and
 * what broke.
 *
 * @param queue          "input" or "outcome".
 * @param sequence       the sequence the record claims (as stored; -1 when unreadable).
 * @param index          its Chronicle Queue index.
 * @param file           the cycle file that holds it.
 * @param recordInFile   its position in that file, from 0.
 * @param problem        what broke.
 * @param detail         a sentence for the operator.
 */
public record ChainBreak(
    String queue,
    long sequence,
    long index,
    String file,
    long recordInFile,
    Problem problem,
    String detail)
{
    /** What {@code journal verify} found wrong with a record. */
    public enum Problem
    {
        /** Chronicle could not read the document at all. */
        UNREADABLE("unreadable"),
        /** A version, kind or length that no writer of this format produces. */
        FORMAT("format"),
        /** The CRC32C does not match: the bytes changed after they were written (damage or a crude edit). */
        CHECKSUM("checksum"),
        /** The checksum matches but the chain link does not: the content was changed and resealed. */
        ALTERED("chain link: altered"),
        /** The chain link and the sequence show that records before this one were taken out. */
        REMOVED("chain link: removed"),
        /** The record is not part of the chain: the next record links to the one before it. */
        INSERTED("chain link: inserted"),
        /** The record belongs after the next one: records were swapped. */
        REORDERED("chain link: reordered"),
        /** The chain holds but the sequence breaks the order: the writer wrote it so. */
        SEQUENCE("sequence"),
        /** The chain holds but the encrypted payload fails its AES-GCM tag under the key given: forged. */
        AUTHENTICATION("payload authentication");

        private final String label;

        Problem(final String label)
        {
            this.label = label;
        }

        public String label()
        {
            return label;
        }
    }

    /** @return one line naming the queue, the record and what broke. */
    public String message()
    {
        return queue + " journal: record " + recordInFile + " of " + file + " (index 0x" + Long.toHexString(index) +
            (sequence >= 0 ? ", sequence " + sequence : "") + "): " + problem.label() + ": " + detail;
    }
}
