package io.cluehub.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One packaged {@code clue-hub.jar} as a child process in its own scratch directory (its own broker journal and H2
 * files under {@code data/}) on free loopback ports. Used twice per run: the hub, and a broker-only node
 * ({@code cluehub.intake.enabled=false}) for the raw baseline.
 */
final class NodeProcess implements AutoCloseable {

    private static final Pattern HEAP = Pattern.compile("total (\\d+)K, used (\\d+)K");
    private static final Pattern STATUS_KB = Pattern.compile("^(\\w+):\\s+(\\d+) kB$");

    private final String name;
    private final Path workDir;
    private final Path log;
    private final int brokerPort;
    private final int httpPort;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private Map<String, String> credentials = Map.of();

    private NodeProcess(String name, Path workDir, int brokerPort, int httpPort, Process process) {
        this.name = name;
        this.workDir = workDir;
        this.log = workDir.resolve("node.log");
        this.brokerPort = brokerPort;
        this.httpPort = httpPort;
        this.process = process;
    }

    /** Launches the jar in a fresh {@code workDir}; does not wait for it: see {@link #awaitHealthy}. */
    static NodeProcess launch(String name, Path jar, Path workDir, List<String> jvmOptions, List<String> arguments) {
        deleteRecursively(workDir);
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int brokerPort = freePort();
        int httpPort = freePort();
        while (httpPort == brokerPort) {
            httpPort = freePort();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // JFR initialised at start-up (a one-second recording), before anything is compiled. Initialising it later, as
        // the first JFR.start of the profile phase did, retransforms the JDK's instrumented I/O classes and the node
        // throws away thousands of compiled methods: the profile then showed a node recompiling (JIT 33-37 % of the
        // machine, 30 s of compile time in 30 s of recording) instead of the one measured. Initialised here, the same
        // recording has 0.7 s of compile time (2026-12-04). Both nodes alike.
        command.add("-XX:StartFlightRecording=duration=1s,filename=" + workDir.resolve("jfr-at-start.jfr").toAbsolutePath());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.add("--cluehub.broker.port=" + brokerPort);
        command.add("--server.port=" + httpPort);
        // Two nodes run side by side: neither opens the fixed ports of the demo's TLS acceptor and SFTP server.
        command.add("--cluehub.broker.tls.enabled=false");
        command.add("--cluehub.sftp.demo-server.enabled=false");
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.to(workDir.resolve("node.log").toFile()))
                    .start();
            // For bench/run's clean-up, should this process die without running its shutdown hook.
            Files.writeString(workDir.resolve("node.pid"), Long.toString(process.pid()));
            Bench.log("%s: pid %d in %s (broker %d, http %d)", name, process.pid(), workDir, brokerPort, httpPort);
            return new NodeProcess(name, workDir, brokerPort, httpPort, process);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command, e);
        }
    }

    /** Polls {@code /actuator/health} until it reports UP, then reads the demo credentials the node generated. */
    void awaitHealthy(Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!healthUp()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " before becoming healthy; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not healthy within " + bound + "; see " + log);
            }
            Thread.sleep(500);
        }
        credentials = readCredentials(workDir.resolve("data").resolve("demo-credentials.properties"));
    }

    private boolean healthUp() throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200
                    && "UP".equals(Bench.JSON.readTree(response.body()).path("status").asString(""));
        } catch (IOException | RuntimeException e) {
            // Not listening yet, or not JSON yet: keep polling.
            return false;
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    /** The private JWK the node generated for a demo office, as an agency system would hold it. */
    String demoKey(String office) {
        try {
            return Files.readString(workDir.resolve("data").resolve("demo-keys").resolve(office + ".jwk"));
        } catch (IOException e) {
            throw new UncheckedIOException("No demo key for " + office + " in " + workDir + "/data", e);
        }
    }

    Path workDir() {
        return workDir;
    }

    String brokerUrl() {
        return "tcp://127.0.0.1:" + brokerPort;
    }

    String password(String user) {
        String password = credentials.get(user);
        if (password == null) {
            throw new IllegalStateException("No credential for " + user + " in " + workDir + "/data");
        }
        return password;
    }

    /** {@code VmRSS} and {@code VmHWM} (peak resident set) in KiB, from {@code /proc/<pid>/status}. */
    Map<String, Long> procStatus() {
        Map<String, Long> values = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                Matcher m = STATUS_KB.matcher(line.strip());
                if (m.matches()) {
                    values.put(m.group(1), Long.parseLong(m.group(2)));
                }
            }
        } catch (IOException e) {
            Bench.log("%s: cannot read /proc status: %s", name, e);
        }
        return values;
    }

    /**
     * Heap (committed, used) in KiB as {@code jcmd GC.heap_info} prints it, summed over the lines it prints them on:
     * one for G1 ({@code garbage-first heap}), one per generation for the parallel and serial collectors
     * ({@code PSYoungGen} and {@code ParOldGen}; reading only the first, as before 2026-12-04, gave the young
     * generation alone). {@code [-1, -1]} if unreadable.
     */
    long[] heapInfo() {
        Matcher m = HEAP.matcher(jcmd("GC.heap_info"));
        long committed = 0;
        long used = 0;
        boolean found = false;
        while (m.find()) {
            committed += Long.parseLong(m.group(1));
            used += Long.parseLong(m.group(2));
            found = true;
        }
        return found ? new long[] {committed, used} : new long[] {-1, -1};
    }

    /** Runs one {@code jcmd} diagnostic command against this node, bounded to 60 s; returns its output. */
    String jcmd(String... command) {
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        line.add(Long.toString(pid()));
        line.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "jcmd failed: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "jcmd interrupted";
        }
    }

    /** SIGTERM, then SIGKILL if the node has not stopped within 30 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                Bench.log("%s: did not stop within 30 s; killing it", name);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** For the JVM shutdown hook: no waiting. */
    void kill() {
        process.destroyForcibly();
    }

    // Parsed by hand: java.util.Properties would eat backslashes and treat ':' as a separator in passwords.
    private static Map<String, String> readCredentials(Path file) {
        Map<String, String> result = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String trimmed = line.strip();
                int eq = trimmed.indexOf('=');
                if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!") || eq < 1) {
                    continue;
                }
                result.put(trimmed.substring(0, eq).strip(), trimmed.substring(eq + 1).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return Map.copyOf(result);
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
