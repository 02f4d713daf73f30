package io.cluehub.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything an operator can set, under {@code cluehub.*}. Defaults give the embedded single-machine hub: an embedded
 * persistent broker on 127.0.0.1:61616 (and TLS with client certificates on 61617) and H2 under {@code ./data/}. Secrets never come from YAML: the embedded
 * profile generates them, an external deployment passes them in the environment.
 */
@Validated
@ConfigurationProperties("cluehub")
public record ClueHubProperties(
        @NotNull @DefaultValue("./data") Path dataDir,
        @Valid @NotNull @DefaultValue Broker broker,
        @Valid @NotNull @DefaultValue Database database,
        @Valid @NotNull @DefaultValue Directory directory,
        @Valid @NotNull @DefaultValue Routing routing,
        @Valid @NotNull @DefaultValue Intake intake,
        @Valid @NotNull @DefaultValue Formats formats,
        @Valid @NotNull @DefaultValue Sftp sftp,
        @Valid @NotNull @DefaultValue Signatures signatures) {

    /**
     * The bus. Without {@code url} the hub runs its own embedded Artemis broker; with {@code url}
     * (e.g. {@code tcp://broker-1:61616,tcp://broker-2:61616}) it connects to an external broker or cluster as
     * {@code user}/{@code password} and starts none. {@code journalBufferTimeout}: how long the embedded broker's
     * journal gathers writes before one sync makes them durable (Artemis's {@code journal-buffer-timeout}); every
     * persistent send and every transaction commit waits for that sync. {@code duplicateIdCacheSize}: how many of the
     * latest duplicate-detection ids the embedded broker remembers per address (every agency inbox has its own
     * cache), i.e. how far back a resend of the hub's is still recognised and dropped; each remembered id costs about
     * 240 bytes of heap, kept across restarts. {@code clientThreadPoolMaxSize}: the threads of the hub's own broker
     * client (Artemis's global client pool, 8 per processor by default), which carry every packet the embedded
     * broker sends the hub's in-VM connections, and the client's callbacks on a TCP connection; 0 (the default) means
     * twice the available processors, at least 4. {@code threadPoolMaxSize}: the embedded broker's general thread pool
     * (Artemis's {@code thread-pool-max-size}, 30 by default), which runs the sessions' and queues' work as it is
     * handed from one executor to the next; 0 (the default) likewise means twice the processors, at least 4.
     */
    public record Broker(
            String url,
            String user,
            String password,
            @NotNull @DefaultValue("127.0.0.1") String host,
            @Min(0) @Max(65535) @DefaultValue("61616") int port,
            @Min(1) @DefaultValue("5") int maxDeliveryAttempts,
            @NotNull @DefaultValue("1s") Duration redeliveryDelay,
            @NotNull @DefaultValue("1m") Duration maxRedeliveryDelay,
            @Min(1000) @DefaultValue("20000") int duplicateIdCacheSize,
            @NotNull @DurationMin(nanos = 0) @DurationMax(seconds = 1) @DefaultValue("500us")
            Duration journalBufferTimeout,
            @Min(0) @DefaultValue("0") int clientThreadPoolMaxSize,
            @Min(0) @DefaultValue("0") int threadPoolMaxSize,
            @Valid @NotNull @DefaultValue Tls tls) {

        public boolean embedded() {
            return url == null || url.isBlank();
        }

        /** {@code clientThreadPoolMaxSize}, or with 0 twice the processors this JVM may use, at least 4. */
        public int clientThreads() {
            return clientThreadPoolMaxSize > 0 ? clientThreadPoolMaxSize : fewThreads();
        }

        /** {@code threadPoolMaxSize}, or with 0 twice the processors this JVM may use, at least 4. */
        public int brokerThreads() {
            return threadPoolMaxSize > 0 ? threadPoolMaxSize : fewThreads();
        }

        private static int fewThreads() {
            return Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        }
    }

    /**
     * The embedded broker's second acceptor, on {@code host}:{@code port}: TLS with client authentication, the same
     * four protocols, and the office named by the client certificate as the authenticated user. Without
     * {@code keyStore} the demo PKI under {@code <dataDir>/tls/} is generated and used; with it, the operator's
     * PKCS12 key store and trust store (passwords in the environment, e.g.
     * {@code CLUEHUB_BROKER_TLS_KEY_STORE_PASSWORD}). {@code crlPath} names a certificate revocation list to honour.
     */
    public record Tls(
            @DefaultValue("true") boolean enabled,
            @Min(0) @Max(65535) @DefaultValue("61617") int port,
            String keyStore,
            String keyStorePassword,
            String trustStore,
            String trustStorePassword,
            String crlPath) {

        @Override
        public String toString() {
            return "Tls[enabled=" + enabled + ", port=" + port + ", keyStore=" + keyStore + ", trustStore=" + trustStore
                    + ", crlPath=" + crlPath + "]";
        }
    }

    /** The relational store. Without {@code url}: H2 in file mode under {@code <dataDir>/db/}. */
    public record Database(String url, String username, String password, @Min(2) @DefaultValue("10") int poolSize) {
    }

    /**
     * The office directory. Without {@code file}: the demo directory shipped in the jar. An operator's file is checked
     * every {@code reloadInterval} and reloaded when it changes; a bad edit is refused and the last good one stays.
     */
    public record Directory(String file, @NotNull @DefaultValue("5s") Duration reloadInterval) {
    }

    /** Competence routing. Without {@code competenceFile}: the defaults in the jar ({@code routing/competence.yml}). */
    public record Routing(String competenceFile) {
    }

    /**
     * The intake pipeline. {@code enabled=false} runs a broker-only node: the embedded broker and REST, no consumer of
     * {@code hub.inbound} (other hub instances, connected with the hub account, do the work). Each of the
     * {@code consumers} decides what the broker has ready, up to {@code batchSize} messages, in one database and one
     * broker transaction (group commit); {@code batchSize=1} gives each message transactions of its own. With
     * {@code extraConsumersOnBacklog} (the default) only the first consumer always consumes; the others join while
     * messages wait and leave when none have for a second ({@link io.cluehub.intake.IntakeConsumers}).
     */
    public record Intake(
            @DefaultValue("true") boolean enabled,
            @Min(1) @DefaultValue("2") int consumers,
            @Min(1) @DefaultValue("32") int batchSize,
            @Min(1024) @DefaultValue("1048576") int maxMessageBytes,
            @DefaultValue("true") boolean extraConsumersOnBacklog) {
    }

    /**
     * Agency formats (DESIGN.md §4). Without {@code dir}: the built-in reference formats only. With it: each subfolder
     * of {@code dir} adds a format, or replaces the built-in one of the same id.
     */
    public record Formats(String dir) {
    }

    /**
     * The SFTP channel. The hub logs in to every {@code sftp} office's server with {@code privateKey} (OpenSSH format;
     * generated at first start when absent, its public half written beside it as {@code .pub} for the office to
     * authorise) and accepts only host keys listed in {@code knownHosts}. Each office's pickup folder is polled every
     * {@code pollInterval}; a file is taken only once complete: when its done file ({@code <name>.done}) is there if
     * {@code doneFiles} is on, else once its size has stopped changing for {@code stableFor}.
     * A file over {@code maxFileBytes} is not read (it goes to the failed folder with a receipt saying so).
     * {@code offices[<officeId>]} overrides the directory's server settings of one office, field by field.
     * {@code demoServer} runs an SFTP server inside the hub for the demo directory's SFTP offices.
     */
    public record Sftp(
            @DefaultValue("true") boolean enabled,
            Path privateKey,
            Path knownHosts,
            @NotNull @DefaultValue("2s") Duration pollInterval,
            @DefaultValue("false") boolean doneFiles,
            @NotNull @DefaultValue("1s") Duration stableFor,
            @NotNull @DefaultValue("30s") Duration connectTimeout,
            @Min(1024) @DefaultValue("16777216") int maxFileBytes,
            @NotNull @DefaultValue Map<String, SftpOverride> offices,
            @Valid @NotNull @DefaultValue DemoServer demoServer) {
    }

    /** Per-office overrides of the directory's SFTP settings; a field left out keeps the directory's value. */
    public record SftpOverride(String host, Integer port, String username, String pickup, String delivery,
            String receipts, String processed, String failed) {
    }

    /**
     * A demo SFTP server (Apache MINA SSHD) standing in for the offices' own servers on a single machine: one home
     * folder per {@code sftp} office under {@code root} (default {@code <dataDir>/sftp-demo/<officeId>/}), key login
     * with the hub's key. Its host key is added to the hub's known hosts when it first starts.
     */
    public record DemoServer(
            @DefaultValue("false") boolean enabled,
            @NotNull @DefaultValue("127.0.0.1") String host,
            @Min(0) @Max(65535) @DefaultValue("2222") int port,
            Path root) {
    }

    /**
     * Message signatures (DESIGN.md §5). {@code hubKey}: the hub's own P-256 signing key as a private JWK (default
     * {@code <dataDir>/keys/hub-signing.jwk}, generated at first start), used to countersign what it delivers and
     * published as a JWK set. {@code demoKeys}: for every connected office whose directory entry lists no keys,
     * generate a key pair at first start into {@code <dataDir>/demo-keys/<officeId>.jwk} and accept its public part
     * (the demo; an operator's directory lists each office's public keys and sets this off).
     */
    public record Signatures(Path hubKey, @DefaultValue("false") boolean demoKeys) {
    }
}
