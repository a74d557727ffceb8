package dev.junction.core.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import dev.junction.core.pipeline.TransactionEvent;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * A snapshot taken at a random point of a seeded lifecycle restores, into a new authorizer, the same
 * digest and the same bytes again; from there both authorizers decide every later event alike. A
 * snapshot that is truncated, damaged or taken with another configuration is refused.
 */
class SnapshotTest
{
    private static final int SEEDS = 25;
    private static final Method[] DECISION_GETTERS = Arrays.stream(Decision.class.getDeclaredMethods())
        .filter(m -> m.getParameterCount() == 0 && m.getReturnType() != void.class &&
            java.lang.reflect.Modifier.isPublic(m.getModifiers()) && !java.lang.reflect.Modifier.isStatic(m.getModifiers()))
        .sorted(Comparator.comparing(Method::getName)).toArray(Method[]::new);

    @Test
    void aRestoredStateHasTheSameDigestAndDecidesEveryLaterEventTheSame()
    {
        final Random random = new Random(42);
        for (int seed = 1; seed <= SEEDS; seed++)
        {
            final List<LifecyclePropertyTest.Input> inputs = LifecyclePropertyTest.inputs(seed);
            final int split = 20 + random.nextInt(inputs.size() - 40);
            final Authorizer original = new Authorizer(LifecyclePropertyTest.config());
            final TransactionEvent event = new TransactionEvent(4096);
            for (int i = 0; i < split; i++)
            {
                inputs.get(i).into(event, i);
                original.apply(event);
            }
            final byte[] snapshot = snapshot(original, split - 1);

            final Authorizer restored = new Authorizer(LifecyclePropertyTest.config());
            assertEquals(split - 1, restore(restored, snapshot), "seed " + seed);
            assertEquals(original.digest(), restored.digest(), "seed " + seed + " restored to another digest");
            assertArrayEquals(snapshot, snapshot(restored, split - 1), "seed " + seed + ": a second snapshot differs");

            final TransactionEvent again = new TransactionEvent(4096);
            for (int i = split; i < inputs.size(); i++)
            {
                inputs.get(i).into(event, i);
                inputs.get(i).into(again, i);
                original.apply(event);
                restored.apply(again);
                assertEquals(describe(event.decision()), describe(again.decision()),
                    "seed " + seed + ": event " + i + " decided otherwise after the snapshot at " + split);
            }
            assertEquals(original.digest(), restored.digest(), "seed " + seed + " ended at another digest");
        }
    }

    @Test
    void aSnapshotOfANewAuthorizerRestoresItsEmptyState()
    {
        final Authorizer empty = new Authorizer(LifecyclePropertyTest.config());
        final Authorizer restored = new Authorizer(LifecyclePropertyTest.config());
        assertEquals(-1, restore(restored, snapshot(empty, -1)));
        assertEquals(empty.digest(), restored.digest());
    }

    @Test
    void aSnapshotTakenWithAnotherConfigurationIsRefused()
    {
        final byte[] snapshot = snapshot(stateOf(3), 10);
        final AuthorizerConfig config = LifecyclePropertyTest.config();
        final Authorizer other = new Authorizer(new AuthorizerConfig(config.accountCapacity(), config.cardCapacity(),
            config.transactionCapacity(), config.duplicateWindow() * 2, config.holdExpiryMillis(), config.risk()));
        final SnapshotException refused = assertThrows(SnapshotException.class, () -> restore(other, snapshot));
        assertTrue(refused.getMessage().contains("duplicate window 128 (now 256)"),
            refused.getMessage());
    }

    @Test
    void aTruncatedSnapshotIsRefused()
    {
        final byte[] snapshot = snapshot(stateOf(5), 10);
        final Random random = new Random(7);
        for (int i = 0; i < 50; i++)
        {
            final byte[] truncated = Arrays.copyOf(snapshot, random.nextInt(snapshot.length));
            assertThrows(SnapshotException.class,
                () -> restore(new Authorizer(LifecyclePropertyTest.config()), truncated), "cut at " + truncated.length);
        }
    }

    @Test
    void aDamagedSnapshotIsRefused()
    {
        final byte[] snapshot = snapshot(stateOf(9), 10);
        final Random random = new Random(11);
        for (int i = 0; i < 200; i++)
        {
            final byte[] damaged = snapshot.clone();
            final int at = random.nextInt(damaged.length);
            damaged[at] ^= (byte)(1 << random.nextInt(8));
            assertThrows(SnapshotException.class,
                () -> restore(new Authorizer(LifecyclePropertyTest.config()), damaged), "bit flipped at " + at);
        }
    }

    @Test
    void theHeaderNamesTheFormatTheSequenceAndTheDigest()
    {
        final Authorizer authorizer = stateOf(2);
        final byte[] snapshot = snapshot(authorizer, 1234);
        assertEquals('J', snapshot[0]);
        assertEquals('S', snapshot[1]);
        assertEquals('N', snapshot[2]);
        assertEquals('P', snapshot[3]);
        final Snapshots.Header header = Snapshots.readHeader(
            new SnapshotInput(new UnsafeBuffer(snapshot), 0, snapshot.length));
        assertEquals(Snapshots.FORMAT_VERSION, header.version());
        assertEquals(LifecyclePropertyTest.config(), header.config());
        assertEquals(1234, header.sequence());
        assertEquals(authorizer.digest(), header.digest());
    }

    private static Authorizer stateOf(final long seed)
    {
        final Authorizer authorizer = new Authorizer(LifecyclePropertyTest.config());
        final TransactionEvent event = new TransactionEvent(4096);
        final List<LifecyclePropertyTest.Input> inputs = LifecyclePropertyTest.inputs(seed);
        for (int i = 0; i < inputs.size(); i++)
        {
            inputs.get(i).into(event, i);
            authorizer.apply(event);
        }
        return authorizer;
    }

    private static byte[] snapshot(final Authorizer authorizer, final long sequence)
    {
        final SnapshotOutput out = new SnapshotOutput(1 << 16);
        authorizer.writeSnapshot(out, sequence);
        return out.toByteArray();
    }

    private static long restore(final Authorizer authorizer, final byte[] snapshot)
    {
        return authorizer.readSnapshot(new SnapshotInput(new UnsafeBuffer(snapshot), 0, snapshot.length));
    }

    private static String describe(final Decision decision)
    {
        final StringBuilder text = new StringBuilder();
        for (final Method getter : DECISION_GETTERS)
        {
            try
            {
                text.append(getter.getName()).append('=').append(getter.invoke(decision)).append(' ');
            }
            catch (final ReflectiveOperationException e)
            {
                throw new AssertionError(e);
            }
        }
        return text.toString();
    }
}
