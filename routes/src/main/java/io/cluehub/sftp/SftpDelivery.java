package io.cluehub.sftp;

import io.cluehub.adapters.ClueHubHeaders;
import io.cluehub.adapters.format.AgencyFormat;
import io.cluehub.adapters.format.FormatRegistry;
import io.cluehub.adapters.sftp.SftpFileNames;
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
public class SftpDelivery {

    /** Exchange property: {@code true} when the message is a receipt (written to the receipts folder). */
    public static final String IS_RECEIPT = "ClueHubSftpReceipt";

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
        in.setHeader(Exchange.FILE_NAME, SftpFileNames.outgoing(id, extension));
        if (in.getBody() instanceof String text) {
            in.setBody(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
