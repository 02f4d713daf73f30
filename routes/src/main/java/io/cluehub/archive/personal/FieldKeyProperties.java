package io.cluehub.archive.personal;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the keys that encrypt archived message bodies (and the HMAC key of the subject index) come from, under
 * {@code cluehub.archive.field-keys.*}. Without {@code keystore}: the demo profile's
 * {@code <dataDir>/keys/field-keys.p12}, generated at first start with its password in {@code field-keys.pass} beside
 * it. With it: an existing PKCS12 file (the README shows how to create one with {@code keytool}), opened with
 * {@code password} if set (pass it in the environment as {@code CLUEHUB_ARCHIVE_FIELD_KEYS_PASSWORD}, never in YAML),
 * else with {@code CLUEHUB_FIELD_KEYS_PASSWORD}. The keystore lives outside the database: a copy of the database alone
 * reveals no message body.
 *
 * @param keystore the PKCS12 keystore file, or {@code null} for the demo profile's generated one
 * @param password its password, or {@code null} to read {@code CLUEHUB_FIELD_KEYS_PASSWORD}
 * @param generate whether the demo profile generates its keystore when there is none (the hub does; the command-line
 *        tools do not: they open what the hub generated)
 */
@ConfigurationProperties("cluehub.archive.field-keys")
public record FieldKeyProperties(Path keystore, String password, @DefaultValue("true") boolean generate) {

    public boolean demo() {
        return keystore == null || keystore.toString().isBlank();
    }

    @Override
    public String toString() {
        return "FieldKeyProperties[keystore=" + keystore + ", password=" + (password == null ? "unset" : "****")
                + ", generate=" + generate + "]";
    }
}
