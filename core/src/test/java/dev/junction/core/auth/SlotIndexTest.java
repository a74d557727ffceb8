package dev.junction.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The slot index finds every entry it holds and no other, through inserts and removals in any order,
 * with colliding fragments, runs that wrap around the end of the table, and growth: checked against a
 * plain set of (hash, slot) pairs.
 */
class SlotIndexTest
{
    @Test
    void everyHeldEntryIsFoundAndNoRemovedOneThroughRandomInsertsAndRemovals()
    {
        for (int seed = 1; seed <= 20; seed++)
        {
            final Random random = new Random(seed);
            final int maxEntries = 64;
            final SlotIndex index = new SlotIndex(maxEntries);
            final List<long[]> held = new ArrayList<>();
            // Few distinct fragments whose homes lie about the end of the 128-entry table, so that runs are
            // long, mix fragments that share a home, and wrap around.
            final long[] hashes = new long[12];
            for (int i = 0; i < hashes.length; i++)
            {
                hashes[i] = (long)(120 + random.nextInt(16)) << 32 | random.nextInt() & 0xFFFF_FFFFL;
            }
            int nextSlot = 0;
            for (int step = 0; step < 5_000; step++)
            {
                if (held.size() < maxEntries && (held.isEmpty() || random.nextInt(3) != 0))
                {
                    final long hash = hashes[random.nextInt(hashes.length)];
                    final int slot = nextSlot++;
                    index.insert(hash, slot);
                    held.add(new long[] {hash, slot});
                }
                else
                {
                    final long[] gone = held.remove(random.nextInt(held.size()));
                    index.remove(gone[0], (int)gone[1]);
                }
                assertEquals(held.size(), index.count());
                for (final long hash : hashes)
                {
                    assertEquals(expected(held, hash), found(index, hash), "seed " + seed + " step " + step);
                }
            }
        }
    }

    @Test
    void growingKeepsEveryEntry()
    {
        final SlotIndex index = new SlotIndex(4);
        final Random random = new Random(7);
        final List<long[]> held = new ArrayList<>();
        for (int slot = 0; slot < 1_000; slot++)
        {
            index.grow(slot + 1);
            final long hash = random.nextLong();
            index.insert(hash, slot);
            held.add(new long[] {hash, slot});
        }
        for (final long[] entry : held)
        {
            assertTrue(found(index, entry[0]).contains((int)entry[1]));
        }
        assertEquals(1_000, index.count());
    }

    @Test
    void anEntryFindsOnlyItsOwnFragmentsSlots()
    {
        final SlotIndex index = new SlotIndex(8);
        index.insert(0x0000_0001_0000_0000L, 3);
        index.insert(0x0000_0011_0000_0000L, 4);

        assertEquals(Set.of(3), found(index, 0x0000_0001_FFFF_FFFFL));
        assertEquals(Set.of(4), found(index, 0x0000_0011_0000_0000L));
        assertEquals(Set.of(), found(index, 0x0000_0021_0000_0000L));
    }

    @Test
    void replacingAnEntryPointsItAtAnotherSlot()
    {
        final SlotIndex index = new SlotIndex(8);
        final long hash = 0x1234_5678_0000_0000L;
        index.insert(hash, 1);

        index.replace(index.next(hash, index.home(hash)), 9);

        assertEquals(Set.of(9), found(index, hash));
    }

    @Test
    void insertingPastHalfTheSizeIsRefusedAndRemovingAnAbsentEntryIsABug()
    {
        final SlotIndex index = new SlotIndex(8);
        for (int slot = 0; slot < 8; slot++)
        {
            index.insert(slot * 0x1_0000_0000L, slot);
        }
        assertThrows(IllegalStateException.class, () -> index.insert(99L << 32, 99));
        assertThrows(IllegalStateException.class, () -> index.remove(98L << 32, 98));
    }

    private static Set<Integer> expected(final List<long[]> held, final long hash)
    {
        final Set<Integer> slots = new HashSet<>();
        for (final long[] entry : held)
        {
            if (entry[0] >>> 32 == hash >>> 32)
            {
                slots.add((int)entry[1]);
            }
        }
        return slots;
    }

    private static Set<Integer> found(final SlotIndex index, final long hash)
    {
        final Set<Integer> slots = new HashSet<>();
        for (int at = index.next(hash, index.home(hash)); at != SlotIndex.NONE; at = index.next(hash, at + 1))
        {
            assertTrue(slots.add(index.slotAt(at)), "slot found twice");
        }
        return slots;
    }
}
