package io.cluehub.security.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldCipherTest {

    private static final String ID_NUMBER = "330106199503141237";
    private static final String TOKEN_SHAPE = "enc:v1:field-aes-\\d+:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+";

    @TempDir
    Path data;

    private KeyStoreFieldKeys keys;
    private FieldCipher cipher;

    @BeforeEach
    void keys() {
        keys = KeyStoreFieldKeys.demo(data);
        cipher = new FieldCipher(keys);
    }

    @ParameterizedTest
    @ValueSource(strings = {ID_NUMBER, "33010619950314123X", "李示例", "Li Example", "+86 138-0013-8000", "", " "})
    void roundTrips(String value) {
        String token = cipher.encrypt(value);

        assertThat(token).matches(TOKEN_SHAPE);
        if (!value.isBlank()) {
            assertThat(token).doesNotContain(value);
        }
        assertThat(cipher.decrypt(token)).isEqualTo(value);
        assertThat(cipher.isEncrypted(token)).isTrue();
    }

    @Test
    void theTokenIsSelfDescribingAndAsLongAsDocumented() {
        String token = cipher.encrypt(ID_NUMBER);
        String[] parts = token.split(":");

        assertThat(parts).hasSize(5);
        assertThat(parts[0] + ":" + parts[1]).isEqualTo("enc:v1");
        assertThat(parts[2]).isEqualTo("field-aes-1").isEqualTo(cipher.keyId(token));
        assertThat(Base64.getUrlDecoder().decode(parts[3])).hasSize(12);
        assertThat(Base64.getUrlDecoder().decode(parts[4])).hasSize(ID_NUMBER.length() + 16);
        // The figure in FieldCipher's Javadoc, for sizing database columns.
        assertThat(token).hasSize(82);
    }

    @Test
    void everyEncryptionUsesAFreshIv() {
        Set<String> ivs = new HashSet<>();
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String token = cipher.encrypt(ID_NUMBER);
            tokens.add(token);
            ivs.add(token.split(":")[3]);
        }

        assertThat(tokens).hasSize(50);
        assertThat(ivs).hasSize(50);
    }

    @Test
    void flippingAnyByteOfIvOrCiphertextIsDetected() {
        String token = cipher.encrypt(ID_NUMBER);
        String[] parts = token.split(":");
        byte[] iv = Base64.getUrlDecoder().decode(parts[3]);
        byte[] sealed = Base64.getUrlDecoder().decode(parts[4]);

        for (int i = 0; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            String bad = String.join(":", parts[0], parts[1], parts[2], parts[3], encode(tampered));
            assertThatThrownBy(() -> cipher.decrypt(bad)).isInstanceOf(FieldCryptoException.class)
                    .hasMessageContaining("failed authentication");
        }
        iv[0] ^= 0x01;
        String badIv = String.join(":", parts[0], parts[1], parts[2], encode(iv), parts[4]);
        assertThatThrownBy(() -> cipher.decrypt(badIv)).isInstanceOf(FieldCryptoException.class);
    }

    @Test
    void aTokenRelabelledWithAnotherKeyIdFails() {
        String token = cipher.encrypt(ID_NUMBER);
        keys.rotate();

        String relabelled = token.replace(":field-aes-1:", ":field-aes-2:");

        assertThatThrownBy(() -> cipher.decrypt(relabelled)).hasMessageContaining("failed authentication");
    }

    @Test
    void associatedDataBindsATokenToItsPlace() {
        String token = cipher.encrypt(ID_NUMBER, "subject.idNumber/msg-1");

        assertThat(cipher.decrypt(token, "subject.idNumber/msg-1")).isEqualTo(ID_NUMBER);
        assertThatThrownBy(() -> cipher.decrypt(token, "subject.idNumber/msg-2"))
                .hasMessageContaining("failed authentication");
        assertThatThrownBy(() -> cipher.decrypt(token)).hasMessageContaining("failed authentication");
        assertThatThrownBy(() -> cipher.decrypt(cipher.encrypt(ID_NUMBER), ""))
                .hasMessageContaining("failed authentication");
    }

    @Test
    void oldTokensStillDecryptAfterRotationAndReencryptMovesThemToTheNewKey() {
        String old = cipher.encrypt(ID_NUMBER);
        String oldWithAad = cipher.encrypt("李示例", "name");

        assertThat(keys.rotate()).isEqualTo("field-aes-2");

        assertThat(cipher.decrypt(old)).isEqualTo(ID_NUMBER);
        assertThat(cipher.needsReencryption(old)).isTrue();
        String moved = cipher.reencrypt(old);
        assertThat(cipher.keyId(moved)).isEqualTo("field-aes-2");
        assertThat(cipher.decrypt(moved)).isEqualTo(ID_NUMBER);
        assertThat(cipher.needsReencryption(moved)).isFalse();
        assertThat(cipher.reencrypt(moved)).isSameAs(moved);
        String movedWithAad = cipher.reencrypt(oldWithAad, "name");
        assertThat(cipher.decrypt(movedWithAad, "name")).isEqualTo("李示例");
        assertThat(cipher.encrypt(ID_NUMBER)).startsWith("enc:v1:field-aes-2:");
    }

    @Test
    void bytesThatAreNotUtf8RoundTripAndSurviveReencryptionExactly() {
        // A GB18030 CSV file or a body the hub rejected as invalid UTF-8: exact bytes, not text.
        byte[] body = {(byte) 0xc0, (byte) 0xee, 0x00, (byte) 0xff, (byte) 0xfe, '3', '3', '0'};
        String token = cipher.encryptBytes(body, "archive_entry.raw_body/abc");

        assertThat(token).matches(TOKEN_SHAPE);
        assertThat(cipher.decryptBytes(token, "archive_entry.raw_body/abc")).isEqualTo(body);
        assertThatThrownBy(() -> cipher.decryptBytes(token, "archive_entry.raw_body/other"))
                .isInstanceOf(FieldCryptoException.class);

        keys.rotate();
        String moved = cipher.reencrypt(token, "archive_entry.raw_body/abc");
        assertThat(cipher.keyId(moved)).isEqualTo("field-aes-2");
        assertThat(cipher.decryptBytes(moved, "archive_entry.raw_body/abc")).isEqualTo(body);
        assertThat(cipher.encryptBytes(null, "x")).isNull();
        assertThat(cipher.decryptBytes(null, "x")).isNull();
    }

    @Test
    void textAndBytesShareOneTokenFormat() {
        String token = cipher.encryptBytes(ID_NUMBER.getBytes(StandardCharsets.UTF_8), null);

        assertThat(cipher.decrypt(token)).isEqualTo(ID_NUMBER);
        assertThat(cipher.decryptBytes(cipher.encrypt(ID_NUMBER), null))
                .isEqualTo(ID_NUMBER.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void reencryptRefusesATamperedToken() {
        String token = cipher.encrypt(ID_NUMBER);
        keys.rotate();
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BA" : "AA");

        assertThatThrownBy(() -> cipher.reencrypt(tampered)).isInstanceOf(FieldCryptoException.class);
    }

    @Test
    void aTokenUnderAnUnknownKeyIsReportedByKeyId() {
        String token = cipher.encrypt(ID_NUMBER).replace(":field-aes-1:", ":field-aes-9:");

        assertThatThrownBy(() -> cipher.decrypt(token)).hasMessage("Unknown field key field-aes-9");
    }

    @ParameterizedTest
    @ValueSource(strings = {ID_NUMBER, "enc:v1:", "enc:v1:field-aes-1:", "enc:v1:field-aes-1:AAAA:AAAA",
            "enc:v1:FIELD:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA", "enc:v2:field-aes-1:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA",
            "enc:v1:field-aes-1:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA:extra", "enc:v1:field-aes-1:AAAAAAAAAAAAAAAA:AAAA"})
    void nonTokensAreRecognisedAndNeverEchoed(String value) {
        assertThat(cipher.isEncrypted(value)).isFalse();
        assertThatThrownBy(() -> cipher.decrypt(value))
                .isInstanceOf(FieldCryptoException.class)
                .hasMessageStartingWith("Not an encrypted field token")
                .hasMessageNotContaining(ID_NUMBER);
    }

    @Test
    void nullStaysNull() {
        assertThat(cipher.encrypt(null)).isNull();
        assertThat(cipher.decrypt(null)).isNull();
        assertThat(cipher.reencrypt(null)).isNull();
        assertThat(cipher.blindIndex(null)).isNull();
        assertThat(cipher.isEncrypted(null)).isFalse();
    }

    @Test
    void theBlindIndexIsStableAcrossInstancesAndFindsNormalisedSpellings() {
        FieldCipher reopened = new FieldCipher(KeyStoreFieldKeys.demo(data));

        String index = cipher.blindIndex(FieldKind.ID_NUMBER, "33010619950314123X");

        assertThat(index).matches("[0-9a-f]{64}");
        assertThat(reopened.blindIndex(FieldKind.ID_NUMBER, "33010619950314123X")).isEqualTo(index);
        assertThat(cipher.blindIndex(FieldKind.ID_NUMBER, " 3301 0619 9503 1412 3x ")).isEqualTo(index);
        // Full-width digits, as Chinese input methods type them.
        assertThat(cipher.blindIndex(FieldKind.ID_NUMBER, "３３０１０６１９９５０３１４１２３ｘ")).isEqualTo(index);
        assertThat(cipher.blindIndex(FieldKind.ID_NUMBER, "330106199503141237")).isNotEqualTo(index);
        assertThat(cipher.blindIndex(" 33010619950314123x")).isEqualTo(index);
    }

    @Test
    void theBlindIndexSurvivesRotationOfTheEncryptionKey() {
        String before = cipher.blindIndex(ID_NUMBER);
        keys.rotate();

        assertThat(cipher.blindIndex(ID_NUMBER)).isEqualTo(before);
    }

    @Test
    void theBlindIndexIsKeyed() throws Exception {
        FieldCipher otherHub = new FieldCipher(KeyStoreFieldKeys.demo(data.resolve("other")));

        assertThat(otherHub.blindIndex(ID_NUMBER)).isNotEqualTo(cipher.blindIndex(ID_NUMBER));
        // Not a bare hash either: without the key, nobody can hash all 10^11 plausible identity numbers to match.
        assertThat(cipher.blindIndex(ID_NUMBER)).isNotEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(ID_NUMBER.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void namesAndPhonesAreNormalisedForSearch() {
        assertThat(cipher.blindIndex(FieldKind.NAME, "li  example")).isEqualTo(cipher.blindIndex(FieldKind.NAME, "Li Example"));
        assertThat(cipher.blindIndex(FieldKind.NAME, " 李示例 ")).isEqualTo(cipher.blindIndex(FieldKind.NAME, "李示例"));
        assertThat(cipher.blindIndex(FieldKind.PHONE, "+86 138-0013-8000"))
                .isEqualTo(cipher.blindIndex(FieldKind.PHONE, "13800138000"))
                .isEqualTo(cipher.blindIndex(FieldKind.PHONE, "0086 13800138000"));
        assertThat(FieldKind.PHONE.normalise("(0571) 8888-8888")).isEqualTo("057188888888");
    }

    @Test
    void toStringAndErrorsNameKeyIdsOnly() {
        String token = cipher.encrypt(ID_NUMBER);

        assertThat(cipher.toString()).isEqualTo("FieldCipher[current key field-aes-1]");
        assertThat(keys.toString()).contains("field-aes-1").doesNotContain(encode(keys.macKey().getEncoded()));
        assertThatThrownBy(() -> cipher.decrypt(token, "wrong"))
                .hasMessageNotContaining(ID_NUMBER)
                .hasMessageNotContaining(token.split(":")[4]);
    }

    @Test
    void aKeySetWithoutItsCurrentKeyCannotEncrypt() {
        FieldKeys broken = new FieldKeys() {
            @Override
            public String currentKeyId() {
                return "field-aes-7";
            }

            @Override
            public java.util.Optional<javax.crypto.SecretKey> aesKey(String keyId) {
                return java.util.Optional.empty();
            }

            @Override
            public javax.crypto.SecretKey macKey() {
                return keys.macKey();
            }
        };

        assertThatThrownBy(() -> new FieldCipher(broken).encrypt(ID_NUMBER))
                .hasMessage("The current field key field-aes-7 is missing");
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
