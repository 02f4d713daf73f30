package io.cluehub.sftp;

import io.cluehub.adapters.ClueHubHeaders;
import io.cluehub.adapters.format.AgencyFormat;
import io.cluehub.adapters.format.FormatRegistry;
import io.cluehub.adapters.sftp.SftpFileNames;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Prepares a message waiting in an SFTP office's inbox queue to be written to the office's server: receipts go to its
 * receipts folder, everything else to its delivery folder, each under {@code <messageId>.<extension>} (the extension
 * of the format it is in). The write itself is atomic: a {@code .part} name, renamed when complete.
 */
@Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "cluehub.sftp.enabled", havingValue = "true", matchIfMissing = true)
public class SftpDelivery {

    /** Exchange property: {@code true} when the message is a receipt (written to the receipts folder). */
    public static final String IS_RECEIPT = "ClueHubSftpReceipt";
    private static final String MESSAGE_BODY = "ClueHubSftpMessageBody";
    private static final String MESSAGE_FILE = "ClueHubSftpMessageFile";

    private final FormatRegistry formats;

    public SftpDelivery(FormatRegistry formats) {
        this.formats = formats;
    }

    public void prepare(Exchange exchange) {
        Message in = exchange.getMessage();
        String id = in.getHeader(ClueHubHeaders.MESSAGE_ID, String.class);
        String type = in.getHeader(ClueHubHeaders.TYPE, String.class);
        String format = in.getHeader(ClueHubHeaders.FORMAT, String.class);
        String extension = formats.find(format).map(AgencyFormat::syntax)
                .map(s -> s.name().toLowerCase(Locale.ROOT)).orElse("json");
        exchange.setProperty(IS_RECEIPT, "receipt".equals(type));
        byte[] body = in.getBody() instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : in.getBody(byte[].class);
        exchange.setProperty(MESSAGE_BODY, body);
        exchange.setProperty(MESSAGE_FILE, SftpFileNames.outgoing(id, extension));
    }

    /** The hub's detached signature over the file, as {@code <file>.jws}. */
    public void signatureFile(Exchange exchange) {
        Message in = exchange.getMessage();
        String signature = in.getHeader(ClueHubHeaders.HUB_SIGNATURE, String.class);
        if (signature == null) {
            throw new IllegalStateException("A message for an SFTP office carries no hub signature");
        }
        in.setBody(signature.getBytes(StandardCharsets.US_ASCII));
        in.setHeader(Exchange.FILE_NAME, exchange.getProperty(MESSAGE_FILE, String.class) + SftpFileNames.SIGNATURE_SUFFIX);
    }

    /** The message itself. */
    public void messageFile(Exchange exchange) {
        Message in = exchange.getMessage();
        in.setBody(exchange.getProperty(MESSAGE_BODY, byte[].class));
        in.setHeader(Exchange.FILE_NAME, exchange.getProperty(MESSAGE_FILE, String.class));
    }
}
