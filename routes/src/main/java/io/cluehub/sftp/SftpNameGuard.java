package io.cluehub.sftp;

import io.cluehub.adapters.sftp.SftpFileNames;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.apache.camel.spi.IdempotentRepository;

/**
 * The pickup folder's file filter, applied to the listing before anything else touches a file. A name the SFTP client
 * would read as a path ({@code a\..\..\x} becomes {@code a/../../x}) never reaches the consumer's read lock or move:
 * it is refused here, answered once with a {@code FILE_NAME_REFUSED} receipt (remembered in the database, so not again
 * on every poll) and left where it is for the office to remove. Helper files are skipped.
 */
class SftpNameGuard implements GenericFileFilter<Object> {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SftpNameGuard.class);

    static final String REFUSED = "direct:sftp-refused";
    static final String NAME_PROPERTY = "ClueHubSftpRefusedName";

    private final String officeId;
    private final IdempotentRepository answered;
    private final ProducerTemplate producer;

    /** The registry name of an office's guard, as its pickup endpoint refers to it. */
    static String beanName(String officeId) {
        return "sftpNameGuard-" + officeId;
    }

    SftpNameGuard(String officeId, IdempotentRepository answered, ProducerTemplate producer) {
        this.officeId = officeId;
        this.answered = answered;
        this.producer = producer;
    }

    @Override
    public boolean accept(GenericFile<Object> file) {
        if (file.isDirectory()) {
            return false;
        }
        // The name as the server listed it (getFileNameOnly) and as the client reads it, separators normalised
        // (getFileName): a backslash in the first is a slash in the second.
        String name = file.getFileNameOnly();
        if (SftpFileNames.isHelper(name)) {
            return false; // a signature, done marker or partial write is read with its file, never on its own
        }
        if (SftpFileNames.refusal(name).isEmpty() && SftpFileNames.refusal(file.getFileName()).isEmpty()) {
            return true;
        }
        String key = officeId + ":" + SftpFileNames.printable(name) + ":" + file.getFileLength() + ":"
                + file.getLastModified();
        if (answered.add(key)) {
            LOG.warn("Refused the file '{}' in {}'s pickup folder: {}", SftpFileNames.printable(name), officeId,
                    SftpFileNames.refusal(name).orElse("the name is read as a path"));
            producer.send(REFUSED, exchange -> {
                exchange.setProperty(SftpPickup.OFFICE, officeId);
                exchange.setProperty(NAME_PROPERTY, name);
            });
        }
        return false;
    }
}
