package io.cluehub.it.support;

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
 * start with "Port … was already in use" (CI, 2026-12-04, {@code CrashRecoveryIT}). A port below that range is only
 * ever taken by a process that binds it on purpose.
 *
 * <p>The same as the route tests' {@code io.cluehub.support.LoopbackPorts}, on purpose: the black-box tests share no
 * code with the hub's own.
 */
public final class LoopbackPorts {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Linux's default low end, where the range cannot be read. */
    private static final int DEFAULT_EPHEMERAL_LOW = 32768;
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private LoopbackPorts() {
    }

    /** A port no other socket holds now, outside the ephemeral range, and not handed out before in this JVM. */
    public static int next() {
        int ceiling = ephemeralLow();
        int floor = Math.max(1024, ceiling / 2);
        int span = ceiling - floor;
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

    private static int ephemeralLow() {
        try {
            String range = Files.readString(EPHEMERAL_RANGE, StandardCharsets.US_ASCII).trim();
            int low = Integer.parseInt(range.split("\\s+")[0]);
            return low > 4096 ? low : DEFAULT_EPHEMERAL_LOW;
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_LOW;
        }
    }
}
