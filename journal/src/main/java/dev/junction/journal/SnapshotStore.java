package dev.junction.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import dev.junction.core.auth.Authorizer;
import dev.junction.core.auth.AuthorizerConfig;
import dev.junction.core.auth.SnapshotException;
import dev.junction.core.auth.SnapshotInput;
import dev.junction.core.auth.Snapshots;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The snapshot files under {@code DATA/snapshots/}: {@code snapshot-<sequence>.jsnp}, named by the
 * journal sequence of the last input the state covers (20 digits, so names sort as sequences).
 * <p>
 * A file holds the authorizer's snapshot ({@link Snapshots}) followed by a 16-byte trailer,
 * little-endian: the snapshot's length (8 bytes), its CRC32C (4 bytes) and the ASCII marker "JSNE".
 * A file is written under a temporary name, forced to disk and renamed, so a crash leaves either no
 * file or a whole one; a partial or damaged file fails the trailer check and is skipped in favour
 * of the next older one. After each write only the newest {@link #KEEP} snapshots are kept.
 *
 * <h2>Sealed snapshots</h2>
 * A snapshot holds every card's PAN: the card table is keyed by {@code Pans.key}, the PAN's digits as a
 * 64-bit number, from which the PAN reads back at once. So a store given the journal key seals the
 * snapshot with AES-256-GCM, and the bytes before the trailer are then, little-endian:
 * <pre>
 *   offset  size  field
 *        0     4  magic "JSNC" (ASCII)
 *        4     8  key id ({@link JournalKey#id()})
 *       12    12  nonce: the byte 3 (snapshot), then 11 random bytes
 *       24     n  the snapshot, encrypted; bytes [0, 24) are its additional authenticated data
 *     24+n    16  GCM tag
 * </pre>
 * The trailer's length and CRC32C then cover all of these bytes. A store without a key writes
 * snapshots in clear and skips sealed ones; with a key it still reads snapshots in clear, written
 * before the key was set.
 */
public final class SnapshotStore
{
    public static final String DIRECTORY = "snapshots";
    public static final int KEEP = 3;
    public static final int TRAILER_LENGTH = 16;

    private static final int TRAILER_MARKER = 'J' | 'S' << 8 | 'N' << 16 | 'E' << 24;
    private static final int SEALED_MAGIC = 'J' | 'S' << 8 | 'N' << 16 | 'C' << 24;
    private static final int SEALED_KEY_ID_OFFSET = 4;
    private static final int SEALED_NONCE_OFFSET = 12;
    /** Bytes before a sealed snapshot's ciphertext: magic, key id, nonce. */
    static final int SEALED_HEADER_LENGTH = SEALED_NONCE_OFFSET + RecordCipher.NONCE_LENGTH;
    private static final Pattern NAME = Pattern.compile("snapshot-(\\d{1,20})\\.jsnp");

    private final Path directory;
    private final JournalKey key;

    /** A store whose snapshots are in clear. */
    public SnapshotStore(final Path dataDir)
    {
        this(dataDir, null);
    }

    /** @param key seals the snapshots written and opens those read; null writes them in clear. */
    public SnapshotStore(final Path dataDir, final JournalKey key)
    {
        this.directory = dataDir.resolve(DIRECTORY);
        this.key = key;
    }

    public Path directory()
    {
        return directory;
    }

    /** A snapshot file whose trailer and header check out. */
    public record Snapshot(Path file, long sequence, Snapshots.Header header, DirectBuffer bytes, int length)
    {
        /** @return an authorizer of {@code config} holding this snapshot's state. */
        public Authorizer restore(final AuthorizerConfig config)
        {
            final Authorizer authorizer = new Authorizer(config);
            authorizer.readSnapshot(new SnapshotInput(bytes, 0, length));
            return authorizer;
        }
    }

    /** A snapshot restored, with the authorizer that holds its state. */
    public record Restored(Snapshot snapshot, Authorizer authorizer)
    {
    }

    /** @return the path a snapshot covering {@code sequence} is written to. */
    public Path fileFor(final long sequence)
    {
        return directory.resolve(String.format("snapshot-%020d.jsnp", sequence));
    }

    /**
     * Writes a snapshot covering {@code sequence} durably, then removes all but the newest {@link #KEEP}.
     *
     * @return the file written.
     */
    public Path write(final long sequence, final DirectBuffer snapshot, final int length) throws IOException
    {
        if (sequence < 0)
        {
            throw new IllegalArgumentException("a snapshot covers a journal sequence, not " + sequence);
        }
        Files.createDirectories(directory);
        final Path target = fileFor(sequence);
        final Path temporary = directory.resolve(target.getFileName() + ".tmp");
        final byte[] bytes = key == null ? clear(snapshot, length) : seal(snapshot, length);
        final CRC32C crc = new CRC32C();
        crc.update(bytes);
        final ByteBuffer trailer = ByteBuffer.allocate(TRAILER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        trailer.putLong(bytes.length).putInt((int)crc.getValue()).putInt(TRAILER_MARKER).flip();
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE))
        {
            final ByteBuffer body = ByteBuffer.wrap(bytes);
            while (body.hasRemaining())
            {
                channel.write(body);
            }
            while (trailer.hasRemaining())
            {
                channel.write(trailer);
            }
            channel.force(true);
        }
        try
        {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final AtomicMoveNotSupportedException e)
        {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory();
        prune();
        return target;
    }

    /**
     * Restores the newest snapshot that checks out, covers at most {@code maxSequence} and restores
     * with {@code config}; each one skipped is named in a one-line warning.
     *
     * @return the snapshot and its authorizer, or null when none can be used (replay from the start).
     */
    public Restored restoreNewest(final AuthorizerConfig config, final long maxSequence, final Consumer<String> warnings)
    {
        for (final Path file : candidates())
        {
            try
            {
                final Snapshot snapshot = read(file, key);
                if (snapshot.sequence() > maxSequence)
                {
                    warnings.accept("skipping snapshot " + file.getFileName() + ": it covers sequence " +
                        snapshot.sequence() + ", past the journal's last answered input " + maxSequence);
                    continue;
                }
                return new Restored(snapshot, snapshot.restore(config));
            }
            catch (final IOException | SnapshotException e)
            {
                warnings.accept("skipping snapshot " + file.getFileName() + ": " + e.getMessage());
            }
        }
        return null;
    }

    /** @return the snapshot files by name, newest first; none when the directory does not exist. */
    public List<Path> candidates()
    {
        if (!Files.isDirectory(directory))
        {
            return List.of();
        }
        try (Stream<Path> listing = Files.list(directory))
        {
            final List<Path> files = new ArrayList<>(listing.filter(p -> NAME.matcher(p.getFileName().toString())
                .matches()).toList());
            files.sort(Comparator.comparingLong(SnapshotStore::sequenceOf).reversed());
            return files;
        }
        catch (final IOException e)
        {
            throw new JournalException("cannot list " + directory + ": " + JournalQueues.oneLine(e), e);
        }
    }

    /** {@link #read(Path, JournalKey)} without a key: a sealed snapshot is refused. */
    public static Snapshot read(final Path file) throws IOException
    {
        return read(file, null);
    }

    /**
     * Reads one snapshot file and checks its trailer, its checksum and its header; opens a sealed one
     * with {@code key}.
     *
     * @throws SnapshotException when it is partial, damaged, not a snapshot of this format, or sealed and
     *                           {@code key} is null, another key, or fails the tag.
     */
    public static Snapshot read(final Path file, final JournalKey key) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < TRAILER_LENGTH)
        {
            throw new SnapshotException("partial file (" + bytes.length + " bytes)");
        }
        final ByteBuffer trailer = ByteBuffer.wrap(bytes, bytes.length - TRAILER_LENGTH, TRAILER_LENGTH)
            .order(ByteOrder.LITTLE_ENDIAN);
        final long length = trailer.getLong();
        final int checksum = trailer.getInt();
        if (trailer.getInt() != TRAILER_MARKER || length != bytes.length - TRAILER_LENGTH)
        {
            throw new SnapshotException("partial or damaged file: no valid trailer");
        }
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, (int)length);
        if ((int)crc.getValue() != checksum)
        {
            throw new SnapshotException("checksum mismatch: the file is damaged");
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final int start = isSealed(buffer, (int)length) ? open(buffer, (int)length, key) : 0;
        final int snapshotLength = start == 0 ? (int)length : (int)length - start - RecordCipher.TAG_LENGTH;
        final UnsafeBuffer body = start == 0 ? buffer : new UnsafeBuffer(bytes, start, snapshotLength);
        final Snapshots.Header header = Snapshots.readHeader(new SnapshotInput(body, 0, snapshotLength));
        final long named = sequenceOf(file);
        if (header.sequence() != named)
        {
            throw new SnapshotException("its header covers sequence " + header.sequence() + ", its name " + named);
        }
        return new Snapshot(file, named, header, body, snapshotLength);
    }

    private static byte[] clear(final DirectBuffer snapshot, final int length)
    {
        final byte[] bytes = new byte[length];
        snapshot.getBytes(0, bytes);
        return bytes;
    }

    private byte[] seal(final DirectBuffer snapshot, final int length)
    {
        final byte[] bytes = new byte[SEALED_HEADER_LENGTH + length + RecordCipher.TAG_LENGTH];
        final UnsafeBuffer sealed = new UnsafeBuffer(bytes);
        sealed.putInt(0, SEALED_MAGIC, ByteOrder.LITTLE_ENDIAN);
        sealed.putLong(SEALED_KEY_ID_OFFSET, key.id(), ByteOrder.LITTLE_ENDIAN);
        final RecordCipher cipher = new RecordCipher(key);
        final byte[] nonce = cipher.nonce();
        new SecureRandom().nextBytes(nonce);
        nonce[0] = RecordCipher.DOMAIN_SNAPSHOT;
        sealed.putBytes(SEALED_NONCE_OFFSET, nonce);
        snapshot.getBytes(0, bytes, SEALED_HEADER_LENGTH, length);
        cipher.sealWithNonce(bytes, SEALED_HEADER_LENGTH, length);
        return bytes;
    }

    private static boolean isSealed(final UnsafeBuffer buffer, final int length)
    {
        return length >= 4 && buffer.getInt(0, ByteOrder.LITTLE_ENDIAN) == SEALED_MAGIC;
    }

    /** @return where the opened snapshot starts in {@code buffer}. */
    private static int open(final UnsafeBuffer buffer, final int length, final JournalKey key)
    {
        if (length < SEALED_HEADER_LENGTH + RecordCipher.TAG_LENGTH)
        {
            throw new SnapshotException("sealed snapshot too short (" + length + " bytes)");
        }
        try
        {
            PayloadAccess.requireKey(buffer.getLong(SEALED_KEY_ID_OFFSET, ByteOrder.LITTLE_ENDIAN), key, "it");
        }
        catch (final JournalKeyException ex)
        {
            throw new SnapshotException(ex.getMessage());
        }
        final RecordCipher cipher = new RecordCipher(key);
        buffer.getBytes(SEALED_NONCE_OFFSET, cipher.nonce());
        if (!cipher.openWithNonce(buffer.byteArray(), SEALED_HEADER_LENGTH,
            length - SEALED_HEADER_LENGTH - RecordCipher.TAG_LENGTH))
        {
            throw new SnapshotException("it failed authentication (AES-256-GCM tag): changed after it was written");
        }
        return SEALED_HEADER_LENGTH;
    }

    private static long sequenceOf(final Path file)
    {
        final Matcher matcher = NAME.matcher(file.getFileName().toString());
        if (!matcher.matches())
        {
            return -1;
        }
        try
        {
            return Long.parseLong(matcher.group(1));
        }
        catch (final NumberFormatException e)
        {
            return -1;
        }
    }

    private void prune() throws IOException
    {
        final List<Path> files = candidates();
        for (int i = KEEP; i < files.size(); i++)
        {
            Files.deleteIfExists(files.get(i));
        }
    }

    private void forceDirectory()
    {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ))
        {
            channel.force(true);
        }
        catch (final IOException | UnsupportedOperationException e)
        {
            // Not every platform opens a directory; the rename is still atomic there.
        }
    }
}
