package dev.junction.network;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every socket a Linux process holds, read from {@code /proc}: its file descriptors name socket inodes,
 * and the network tables of its own namespace ({@code /proc/PID/net/tcp}, {@code tcp6}, {@code udp},
 * {@code udp6}, {@code raw}, {@code raw6}, {@code unix}, {@code netlink}, {@code packet}) say what each
 * inode is. No tool, no privilege.
 */
final class ProcSockets
{
    /** {@code st} in the tcp tables. */
    static final int TCP_LISTEN = 0x0A;
    /** {@code Type} in the unix table. */
    static final int UNIX_STREAM = 0x0001;

    private static final String[] TABLES = {"tcp", "tcp6", "udp", "udp6", "raw", "raw6", "unix", "netlink", "packet"};

    private ProcSockets()
    {
    }

    /**
     * One socket: the table it is in, and for internet sockets its ports and TCP state; for a unix socket,
     * {@code remote} is its path (empty when unnamed) and {@code state} its type.
     */
    record Socket(String table, long inode, int localPort, String remote, int state)
    {
        boolean isTcp()
        {
            return table.equals("tcp") || table.equals("tcp6");
        }

        @Override
        public String toString()
        {
            return table + " inode " + inode + (table.equals("unix") ? " path '" + remote + "' type " + state :
                " local port " + localPort +
                " remote " + remote + (isTcp() ? " state " + String.format("%02X", state) : ""));
        }
    }

    /** A socket a switch must not hold, and why. */
    record Violation(Socket socket, String why)
    {
        @Override
        public String toString()
        {
            return socket + ": " + why;
        }
    }

    /**
     * @param listenerPorts the ports of the listeners the operator configured.
     * @return every socket of process {@code pid} that is neither a TCP listener on one of those ports nor a
     * TCP connection whose local port is one of them (so accepted by one of them): an outbound TCP connection
     * (its local port is an ephemeral one), any UDP, raw, netlink or packet socket, any unix socket but the
     * JDK's own one, a listener nobody configured.
     */
    static List<Violation> violations(final long pid, final Set<Integer> listenerPorts) throws IOException
    {
        final Map<Long, Socket> known = tables(pid);
        final List<Violation> violations = new ArrayList<>();
        boolean jdkSocketPairSeen = false;
        for (final long inode : socketInodes(pid))
        {
            final Socket socket = known.get(inode);
            if (socket == null)
            {
                // In no table: an internet socket not bound to any address yet (it can carry no traffic: one
                // that connects or sends is bound and listed), or one whose connection is over (reset or fully
                // closed, unhashed by the kernel) that the process has not closed yet.
                continue;
            }
            if (socket.table().equals("unix") && socket.remote().isEmpty() && socket.state() == UNIX_STREAM &&
                !jdkSocketPairSeen)
            {
                // The JDK's own: sun.nio.ch.FileDispatcherImpl.init makes a socketpair, closes one end and keeps
                // the other to dup2 over descriptors it closes asynchronously. It connects to nothing. A second
                // unnamed one (a client of some local service) is reported.
                jdkSocketPairSeen = true;
            }
            else if (!socket.isTcp())
            {
                violations.add(new Violation(socket, "not TCP: no " + socket.table() + " socket is configured"));
            }
            else if (socket.state() == TCP_LISTEN && !listenerPorts.contains(socket.localPort()))
            {
                violations.add(new Violation(socket, "a listener on a port no option configured"));
            }
            else if (socket.state() != TCP_LISTEN && !listenerPorts.contains(socket.localPort()))
            {
                violations.add(new Violation(socket, "an outbound connection (its local port is no listener's)"));
            }
        }
        return violations;
    }

    /** @return the inodes of the sockets among process {@code pid}'s open file descriptors. */
    static Set<Long> socketInodes(final long pid) throws IOException
    {
        final Set<Long> inodes = new java.util.HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd")))
        {
            for (final Path fd : fds)
            {
                final String target;
                try
                {
                    target = Files.readSymbolicLink(fd).toString();
                }
                catch (final NoSuchFileException closed)
                {
                    // Closed between the listing and the read.
                    continue;
                }
                if (target.startsWith("socket:[") && target.endsWith("]"))
                {
                    inodes.add(Long.parseLong(target.substring("socket:[".length(), target.length() - 1)));
                }
            }
        }
        return inodes;
    }

    /** @return every socket in process {@code pid}'s network namespace, by inode. */
    static Map<Long, Socket> tables(final long pid) throws IOException
    {
        final Map<Long, Socket> sockets = new HashMap<>();
        for (final String table : TABLES)
        {
            final Path file = Path.of("/proc", Long.toString(pid), "net", table);
            if (!Files.exists(file))
            {
                continue;
            }
            final List<String> lines = Files.readAllLines(file);
            for (final String line : lines.subList(1, lines.size()))
            {
                final String[] fields = line.trim().split("\\s+");
                if (table.equals("netlink") || table.equals("packet"))
                {
                    // ... Inode (last): no ports, reported whatever they are.
                    final long inode = Long.parseLong(fields[fields.length - 1]);
                    sockets.put(inode, new Socket(table, inode, -1, "", -1));
                    continue;
                }
                if (table.equals("unix"))
                {
                    // Num RefCount Protocol Flags Type St Inode [Path]: Type 0001 is a stream socket.
                    if (fields.length >= 7)
                    {
                        final long inode = Long.parseLong(fields[6]);
                        sockets.put(inode, new Socket(table, inode, -1, fields.length > 7 ? fields[7] : "",
                            Integer.parseInt(fields[4], 16)));
                    }
                    continue;
                }
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
                final long inode = Long.parseLong(fields[9]);
                if (inode == 0)
                {
                    continue;
                }
                sockets.put(inode, new Socket(table, inode, port(fields[1]), fields[2], Integer.parseInt(fields[3], 16)));
            }
        }
        return sockets;
    }

    private static int port(final String hexAddress)
    {
        return Integer.parseInt(hexAddress.substring(hexAddress.indexOf(':') + 1), 16);
    }
}
