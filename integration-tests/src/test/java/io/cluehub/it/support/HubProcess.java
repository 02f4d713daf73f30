package io.cluehub.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packaged hub ({@code clue-hub.jar}) as a separate operating-system process, reached over the network only.
 * One instance per test class: its own working directory (so its own broker journal and H2 files under
 * {@code data/}) and its own free ports. Output goes to {@code <workdir>/hub.log}, kept across restarts.
 */
public final class HubProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HubProcess.class);
    private static final int LOG_TAIL_LINES = 150;

    private final Path jar;
    private final Path workDir;
    private final Path log;
    private final int sftpPort = LoopbackPorts.next();
    private final int brokerPort;
    private final int tlsPort;
    private final int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;
    private Thread shutdownHook;
    private Map<String, String> credentials;

    private HubProcess(String name) {
        this.jar = hubJar();
        this.workDir = freshWorkDir(name);
        this.log = workDir.resolve("hub.log");
        // Ports of its own, never one another's: the TLS acceptor too, never the default 61617 another build may hold.
        this.brokerPort = LoopbackPorts.next();
        this.httpPort = LoopbackPorts.next();
        this.tlsPort = LoopbackPorts.next();
    }

    /** Starts a hub in a fresh working directory named after {@code name} and waits until it is healthy. */
    public static HubProcess start(String name) {
        HubProcess hub = new HubProcess(name);
        hub.launch();
        return hub;
    }

    /** Starts the hub again after {@link #killHard()} or {@link #stop()}: same working directory, same ports. */
    public void restart() {
        if (isAlive()) {
            throw new IllegalStateException("Hub is still running (pid " + process.pid() + "); stop or kill it first");
        }
        launch();
    }

    /** {@code kill -9}: the JVM gets no chance to flush, close or shut down anything. Returns the exit code. */
    public int killHard() {
        requireAlive();
        long pid = process.pid();
        LOG.info("kill -9 hub pid {}", pid);
        // On Linux Process.destroyForcibly() is SIGKILL, and the process is the JVM itself (no shell in between).
        process.destroyForcibly();
        int exit = waitForExit(Waits.STOP);
        removeShutdownHook();
        LOG.info("Hub pid {} gone, exit code {}", pid, exit);
        return exit;
    }

    /** Graceful stop (SIGTERM), SIGKILL if it does not end within {@link Waits#STOP}. */
    public void stop() {
        if (process == null) {
            return;
        }
        if (process.isAlive()) {
            LOG.info("Stopping hub pid {}", process.pid());
            process.destroy();
            try {
                if (!process.waitFor(Waits.STOP.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("Hub pid {} did not stop within {}; killing it", process.pid(), Waits.STOP);
                    process.destroyForcibly();
                    process.waitFor(Waits.STOP.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        removeShutdownHook();
    }

    @Override
    public void close() {
        stop();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public int brokerPort() {
        return brokerPort;
    }

    public int httpPort() {
        return httpPort;
    }

    /** The broker's TLS acceptor, where offices log in with a client certificate. */
    public int tlsPort() {
        return tlsPort;
    }

    public Path workDir() {
        return workDir;
    }

    public String coreUrl() {
        return "tcp://127.0.0.1:" + brokerPort;
    }

    public String amqpUrl() {
        return "amqp://127.0.0.1:" + brokerPort;
    }

    public URI httpUri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + httpPort + pathAndQuery);
    }

    /** The private JWK the hub generated for a demo office ({@code data/demo-keys/<office>.jwk}), or null. */
    public String demoKey(String office) {
        Path file = workDir.resolve("data").resolve("demo-keys").resolve(office + ".jwk");
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : null;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Password of a broker user or REST credential from {@code data/demo-credentials.properties}. */
    public String password(String user) {
        String password = credentials.get(user);
        if (password == null) {
            throw new IllegalStateException("No credential for '" + user + "' in "
                    + credentialsFile() + "; it holds " + credentials.keySet().stream().sorted().toList());
        }
        return password;
    }

    /** The demo SFTP server standing in for STA-330000's (a free port per hub, not the demo's 2222). */
    public int sftpPort() {
        return sftpPort;
    }

    /** The last lines of {@code hub.log}, for failure reports. */
    public String logTail() {
        if (!Files.exists(log)) {
            return "(no " + log + ")";
        }
        try {
            List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
            return "----- last " + tail.size() + " lines of " + log + " -----\n" + String.join("\n", tail)
                    + "\n----- end of " + log + " -----";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    private void launch() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The JVM options the README documents for the hub.
        List<String> command = List.of(java, "-Xmx512m", "-XX:+UseParallelGC", "-jar", jar.toString(),
                "--cluehub.broker.port=" + brokerPort, "--cluehub.broker.tls.port=" + tlsPort,
                "--server.port=" + httpPort, "--cluehub.sftp.demo-server.port=" + sftpPort,
                "--cluehub.sftp.offices[STA-330000].port=" + sftpPort);
        appendToLog("##### " + Instant.now() + " harness starts: " + String.join(" ", command));
        try {
            process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command, e);
        }
        Process started = process;
        shutdownHook = new Thread(started::destroyForcibly, "kill-hub-" + started.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        LOG.info("Hub pid {} starting in {} (broker port {}, TLS port {}, http port {})", started.pid(), workDir,
                brokerPort, tlsPort, httpPort);
        try {
            awaitHealthy();
            credentials = readCredentials();
        } catch (RuntimeException | Error e) {
            started.destroyForcibly();
            waitForExit(Waits.STOP);
            removeShutdownHook();
            throw e;
        }
        LOG.info("Hub pid {} is UP", started.pid());
    }

    private void awaitHealthy() {
        try {
            Awaitility.await("hub /actuator/health UP on port " + httpPort)
                    .atMost(Waits.STARTUP)
                    .pollDelay(Duration.ofSeconds(1))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(this::healthUp);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("Hub not healthy within " + Waits.STARTUP + "\n" + logTail(), e);
        }
    }

    private boolean healthUp() {
        if (!process.isAlive()) {
            throw new IllegalStateException("Hub process exited with code " + process.exitValue()
                    + " before becoming healthy\n" + logTail());
        }
        HttpRequest request = HttpRequest.newBuilder(httpUri("/actuator/health"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200
                    && "UP".equals(Json.text(Json.parse(response.body()), "/status"));
        } catch (IOException | RuntimeException e) {
            // Not listening yet, or not JSON yet: keep polling.
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Path credentialsFile() {
        return workDir.resolve("data").resolve("demo-credentials.properties");
    }

    private Map<String, String> readCredentials() {
        Path file = credentialsFile();
        try {
            Awaitility.await("credentials file " + file).atMost(Waits.VISIBLE).until(() -> Files.isRegularFile(file));
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("Hub is UP but wrote no " + file + "\n" + logTail(), e);
        }
        // Parsed by hand: java.util.Properties would eat backslashes and treat ':' as a separator in passwords.
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
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(result);
    }

    private void requireAlive() {
        if (!isAlive()) {
            throw new IllegalStateException("Hub is not running\n" + logTail());
        }
    }

    private int waitForExit(Duration bound) {
        try {
            if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Hub pid " + process.pid() + " still alive after " + bound);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the hub to exit", e);
        }
    }

    private void removeShutdownHook() {
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook runs anyway; nothing to undo.
            }
            shutdownHook = null;
        }
    }

    private void appendToLog(String line) {
        try {
            Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path hubJar() {
        String property = System.getProperty("cluehub.jar");
        if (property == null || property.isBlank()) {
            throw new IllegalStateException("System property cluehub.jar is not set; run the ITs with Maven (failsafe sets it)");
        }
        Path jar = Path.of(property).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Hub jar " + jar + " does not exist; build it first: mvn install -DskipTests");
        }
        return jar;
    }

    private static Path freshWorkDir(String name) {
        Path base = Path.of(System.getProperty("cluehub.it.workdir", "target/it-work"));
        Path dir = base.resolve(name).toAbsolutePath().normalize();
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> paths = Files.walk(dir)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare working directory " + dir, e);
        }
        return dir;
    }
}
