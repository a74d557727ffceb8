package dev.junction.journal.cli;

import java.io.IOException;

/**
 * How {@link CutoverCommand} reaches the running switch: the network module implements it (for
 * example over its admin HTTP endpoint) by publishing a cutover admin record
 * ({@code AdminRecords.writeCutover}) into the ring and waiting until the authorizer has applied it.
 */
@FunctionalInterface
public interface CutoverTrigger
{
    /**
     * @param businessDate       the day to open as yyyymmdd, or {@code AdminRecords.CUTOVER_NO_DATE}.
     * @param cutoverSecondOfDay the daily cutover time in UTC seconds after midnight, or one of
     *                           {@code AdminRecords.CUTOVER_ON_COMMAND_ONLY}, {@code CUTOVER_KEEP_TIME}.
     * @return the journaled outcome's admin result, a {@code Decision.ADMIN_*} value.
     * @throws IOException when the switch cannot be reached.
     */
    int publish(int businessDate, int cutoverSecondOfDay) throws IOException;
}
