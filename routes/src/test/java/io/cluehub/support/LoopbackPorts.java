package io.cluehub.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Listening ports for a hub under test, taken below the kernel's ephemeral range.
 *
 * <p>A port from {@code new ServerSocket(0)} lies in the ephemeral range, the same range the kernel draws the local
 * port of every outgoing connection from. Between the moment the harness picks such a port and the moment the hub
 * binds it (15 s of start-up, and again after every restart on the same ports) any connection on this machine, such
 * as an office client reconnecting to the broker that has just come back, may be given it, and the hub then fails to
 * start with "Port … was already in use" (CI, 2026-12-04, the black-box {@code CrashRecoveryIT}). A port below that
 * range is only ever taken by a process that binds it on purpose.
 *
 * <p>The same as the black-box harness's {@code io.cluehub.it.support.LoopbackPorts}, on purpose: the black-box tests
 * share no code with the hub's own.
 */
public final class LoopbackPorts {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Linux's default range, where the range cannot be read (macOS and Windows start theirs at 49152). */
    private static final int DEFAULT_EPHEMERAL_LOW = 32768;
    private static final int DEFAULT_EPHEMERAL_HIGH = 60999;
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private LoopbackPorts() {
    }

    /**
     * A port no other socket holds now, outside the ephemeral range, and not handed out before in this JVM. Another
     * JVM picking at the same moment may pick the same port (the start of the search is random, so rarely); the
     * hub's start then fails with a clear message, as it would for any port taken.
     */
    public static int next() {
        int[] range = ephemeralRange();
        // Below the range where there is room (Linux: 16384-32767 below 32768-60999), else above it.
        int floor = range[0] > 2048 ? Math.max(1024, range[0] / 2) : range[1] + 1;
        int ceiling = range[0] > 2048 ? range[0] : 65536;
        int span = ceiling - floor;
        if (span < 256) {
            throw new IllegalStateException("The ephemeral port range " + range[0] + "-" + range[1]
                    + " leaves no ports outside it for a test hub to listen on");
        }
        int start = ThreadLocalRandom.current().nextInt(span);
        for (int i = 0; i < span; i++) {
            int port = floor + (start + i) % span;
            if (!GIVEN.contains(port) && bindable(port) && GIVEN.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port in " + floor + "-" + (ceiling - 1));
    }

    /** Binds the wildcard address without SO_REUSEADDR, so any socket on the port, in any state, makes it fail. */
    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The kernel's ephemeral range; where it cannot be read (not Linux), Linux's default, below which lies 16384. */
    private static int[] ephemeralRange() {
        try {
            String[] range = Files.readString(EPHEMERAL_RANGE, StandardCharsets.US_ASCII).trim().split("\\s+");
            return new int[] {Integer.parseInt(range[0]), Integer.parseInt(range[1])};
        } catch (IOException | RuntimeException e) {
            return new int[] {DEFAULT_EPHEMERAL_LOW, DEFAULT_EPHEMERAL_HIGH};
        }
    }
}
