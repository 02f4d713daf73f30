package io.cluehub.sftp;

import io.cluehub.adapters.sftp.SftpFileNames;
import io.cluehub.archive.ArchiveEntry;
import io.cluehub.config.ClueHubProperties;
import io.cluehub.directory.SftpServer;
import io.cluehub.intake.IntakeContext;
import io.cluehub.intake.RejectionException;
import io.cluehub.schemas.validation.IssueCode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Step "receive" for a file an SFTP office dropped. The sender is the office whose server the hub logged in to (host
 * key checked against the known hosts, the hub's own key), never anything the file says. The transport id names the
 * office, the file and its content, so that a file picked up again after a crash completes its recorded decisions
 * instead of deciding again. The file's detached signature, if the office put one beside it, travels with it.
 *
 * <p>Afterwards the file is moved (by the consumer, on completion) to the office's processed folder, or to its failed
 * folder when nothing in it could be read (unmappable, unsafe name, too large); its receipt says why.
 */
@Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "cluehub.sftp.enabled", havingValue = "true", matchIfMissing = true)
public class SftpPickup {

    /** Exchange property: the folder, relative to the pickup folder, the file is moved to once handled. */
    public static final String MOVE_TO = "ClueHubSftpMoveTo";
    /** Exchange property: the office the pickup route serves (set by the route template). */
    public static final String OFFICE = "ClueHubSftpOffice";
    private static final String TARGET_NAME = "ClueHubSftpTargetName";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final SftpOffices offices;
    private final int maxFileBytes;

    public SftpPickup(Clock clock, SftpOffices offices, ClueHubProperties properties) {
        this.clock = clock;
        this.offices = offices;
        this.maxFileBytes = properties.sftp().maxFileBytes();
    }

    /** A file the {@link SftpNameGuard} would not let the consumer touch: archived and answered, left in place. */
    public void refuse(Exchange exchange) {
        String office = exchange.getProperty(OFFICE, String.class);
        String name = exchange.getProperty(SftpNameGuard.NAME_PROPERTY, String.class);
        context(exchange, office, name, new byte[0], clock.instant(), "refused");
        throw RejectionException.of(IssueCode.FILE_NAME_REFUSED, "", "The file '" + SftpFileNames.printable(name)
                + "' was not read and stays in the pickup folder: " + SftpFileNames.refusal(name).orElse("the name is read as a path")
                + ". Remove it and drop the content again under a plain file name.");
    }

    public void receive(Exchange exchange) throws IOException {
        Message in = exchange.getMessage();
        String office = exchange.getProperty(OFFICE, String.class);
        String name = in.getHeader(Exchange.FILE_NAME_ONLY, String.class);
        Long length = in.getHeader(Exchange.FILE_LENGTH, Long.class);
        var receivedAt = clock.instant();
        // Moved under a name of the hub's making: the time, then the name if it is safe to use.
        Optional<String> refusal = SftpFileNames.refusal(name);
        exchange.setProperty(TARGET_NAME, STAMP.format(receivedAt) + "-" + (refusal.isEmpty() ? name : "refused"));

        if (refusal.isPresent()) {
            context(exchange, office, name, new byte[0], receivedAt, "refused");
            throw RejectionException.of(IssueCode.FILE_NAME_REFUSED, "",
                    "The file '" + SftpFileNames.printable(name) + "' was not read: " + refusal.get()
                            + ". Use a plain file name.");
        }
        if (length != null && length > maxFileBytes) {
            context(exchange, office, name, new byte[0], receivedAt, "too-large:" + length);
            throw RejectionException.of(IssueCode.BODY_TOO_LARGE, "", "The file is " + length
                    + " bytes; files over " + maxFileBytes + " bytes are not read. Split it into smaller files.");
        }
        byte[] raw = readBounded(in);
        // The file's modification time tells a file picked up again after a crash (same time: its recorded decisions
        // are completed) from a file the office dropped again (new time: its messages are answered as duplicates).
        Long modified = in.getHeader(Exchange.FILE_LAST_MODIFIED, Long.class);
        IntakeContext context = context(exchange, office, name, raw, receivedAt,
                (modified == null ? "" : modified + ":") + ArchiveEntry.sha256Hex(raw));
        if (raw.length > maxFileBytes) {
            throw RejectionException.of(IssueCode.BODY_TOO_LARGE, "", "The file is over " + maxFileBytes
                    + " bytes and was not read. Split it into smaller files.");
        }
        exchange.setProperty(IntakeContext.PROPERTY, context);
    }

    /**
     * Where the consumer moves the file once the exchange completes, decided then rather than now: the failed folder
     * when the file was rejected as a whole (its name, size or content could not be read or mapped, or its one message
     * was refused), else the processed folder, whatever each row's decision was (each row has its own receipt).
     * The property holds an object whose string form is evaluated by the {@code move} expression at commit time.
     */
    private void moveTo(Exchange exchange, String office, IntakeContext file) {
        SftpServer server = offices.server(office).orElseThrow(
                () -> new IllegalStateException(office + " is no longer an SFTP office"));
        String up = fromPickup(server.pickup());
        String name = exchange.getProperty(TARGET_NAME, String.class);
        exchange.setProperty(MOVE_TO, new Object() {
            @Override
            public String toString() {
                return up + (file == null || file.isRejected() ? server.failed() : server.processed()) + "/" + name;
            }
        });
    }

    /** The way from the pickup folder up to the login folder, which the other folders are relative to. */
    static String fromPickup(String pickup) {
        String trimmed = pickup.replaceAll("^/+|/+$", "");
        if (trimmed.isEmpty() || trimmed.equals(".")) {
            return "";
        }
        return "../".repeat(trimmed.split("/+").length);
    }

    private IntakeContext context(Exchange exchange, String office, String name, byte[] raw,
            java.time.Instant receivedAt, String contentKey) {
        // Transport id: stable for the same file content, so a file picked up again completes its decisions.
        String transportId = "sftp:" + office + ":" + SftpFileNames.printable(name) + ":" + contentKey;
        if (transportId.length() > 200) {
            transportId = "sftp:" + office + ":" + ArchiveEntry.sha256Hex(transportId.getBytes())
                    + ":" + contentKey.substring(0, Math.min(64, contentKey.length()));
        }
        String signature = exchange.getMessage().getHeader(SftpSignatures.HEADER, String.class);
        IntakeContext context = new IntakeContext(receivedAt, office, transportId, raw, null, signature);
        context.sourceFile(SftpFileNames.printable(name));
        exchange.setProperty(IntakeContext.PROPERTY, context);
        if (exchange.getProperty(TARGET_NAME) != null) {
            moveTo(exchange, office, context);
        }
        return context;
    }

    private byte[] readBounded(Message in) throws IOException {
        Object body = in.getBody();
        if (body instanceof byte[] bytes) {
            return bytes;
        }
        try (InputStream stream = in.getBody(InputStream.class)) {
            if (stream == null) {
                return new byte[0];
            }
            return stream.readNBytes(maxFileBytes + 1);
        }
    }
}
