package io.cluehub.security.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.KeyGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyStoreFieldKeysTest {

    @TempDir
    Path data;

    @Test
    void theDemoProfileGeneratesKeystoreAndPasswordOwnerOnly() throws Exception {
        KeyStoreFieldKeys keys = KeyStoreFieldKeys.demo(data);

        Path keystore = data.resolve("keys/field-keys.p12");
        Path password = data.resolve("keys/field-keys.pass");
        assertThat(keys.path()).isEqualTo(keystore.toAbsolutePath());
        assertThat(mode(data.resolve("keys"))).isEqualTo("rwx------");
        assertThat(mode(keystore)).isEqualTo("rw-------");
        assertThat(mode(password)).isEqualTo("rw-------");
        assertThat(Files.readString(password).strip()).hasSize(32);
        assertThat(keys.keyIds()).containsExactly("field-aes-1");
        assertThat(keys.currentKeyId()).isEqualTo("field-aes-1");
        assertThat(keys.aesKey("field-aes-1").orElseThrow().getEncoded()).hasSize(32);
        assertThat(keys.macKey().getEncoded()).hasSize(32);
    }

    @Test
    void aSecondStartReadsTheSameKeys() {
        FieldCipher first = new FieldCipher(KeyStoreFieldKeys.demo(data));
        String token = first.encrypt("李示例");

        FieldCipher second = new FieldCipher(KeyStoreFieldKeys.demo(data));

        assertThat(second.decrypt(token)).isEqualTo("李示例");
        assertThat(second.blindIndex("李示例")).isEqualTo(first.blindIndex("李示例"));
    }

    @Test
    void aKeystoreOpensOnlyWithItsPassword() {
        Path keystore = data.resolve("prod/field-keys.p12");
        KeyStoreFieldKeys.openOrCreate(keystore, "correct horse battery staple".toCharArray());

        assertThat(KeyStoreFieldKeys.open(keystore, "correct horse battery staple".toCharArray()).currentKeyId())
                .isEqualTo("field-aes-1");
        assertThatThrownBy(() -> KeyStoreFieldKeys.open(keystore, "Tr0ub4dor&3".toCharArray()))
                .isInstanceOf(FieldCryptoException.class)
                .hasMessageContaining("wrong password or damaged file")
                .hasMessageNotContaining("Tr0ub4dor&3")
                .hasMessageNotContaining("correct horse");
        assertThatThrownBy(() -> KeyStoreFieldKeys.open(data.resolve("absent.p12"), "x".toCharArray()))
                .hasMessageContaining("No field keystore at");
    }

    @Test
    void rotationAddsAKeyMakesItCurrentAndPersistsIt() {
        KeyStoreFieldKeys keys = KeyStoreFieldKeys.demo(data);
        byte[] first = keys.aesKey("field-aes-1").orElseThrow().getEncoded();
        byte[] mac = keys.macKey().getEncoded();

        assertThat(keys.rotate()).isEqualTo("field-aes-2");
        assertThat(keys.rotate()).isEqualTo("field-aes-3");

        KeyStoreFieldKeys reopened = KeyStoreFieldKeys.demo(data);
        assertThat(reopened.keyIds()).containsExactly("field-aes-1", "field-aes-2", "field-aes-3");
        assertThat(reopened.currentKeyId()).isEqualTo("field-aes-3");
        assertThat(reopened.aesKey("field-aes-1").orElseThrow().getEncoded()).isEqualTo(first);
        assertThat(reopened.macKey().getEncoded()).isEqualTo(mac);
        assertThat(reopened.aesKey("field-aes-3").orElseThrow().getEncoded())
                .isNotEqualTo(reopened.aesKey("field-aes-2").orElseThrow().getEncoded());
    }

    @Test
    void anotherInstanceDecryptsTokensUnderAKeyRotatedElsewhere() {
        KeyStoreFieldKeys here = KeyStoreFieldKeys.demo(data);
        KeyStoreFieldKeys there = KeyStoreFieldKeys.demo(data);
        there.rotate();
        String token = new FieldCipher(there).encrypt("13800138000");

        assertThat(here.currentKeyId()).isEqualTo("field-aes-1");
        assertThat(new FieldCipher(here).decrypt(token)).isEqualTo("13800138000");
        here.reload();
        assertThat(here.currentKeyId()).isEqualTo("field-aes-2");
    }

    @Test
    void concurrentRotationsLoseNoKey() throws Exception {
        KeyStoreFieldKeys.demo(data);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> rotations = List.of(
                    pool.submit(() -> {
                        start.await();
                        return KeyStoreFieldKeys.demo(data).rotate();
                    }),
                    pool.submit(() -> {
                        start.await();
                        return KeyStoreFieldKeys.demo(data).rotate();
                    }));
            start.countDown();

            assertThat(List.of(rotations.get(0).get(30, TimeUnit.SECONDS), rotations.get(1).get(30, TimeUnit.SECONDS)))
                    .containsExactlyInAnyOrder("field-aes-2", "field-aes-3");
        } finally {
            pool.shutdownNow();
        }
        assertThat(KeyStoreFieldKeys.demo(data).keyIds()).containsExactly("field-aes-1", "field-aes-2", "field-aes-3");
    }

    @Test
    void aKeystoreWithoutTheIndexKeyIsRefused() throws Exception {
        char[] password = "pw".toCharArray();
        Path keystore = data.resolve("partial.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, password);
        KeyGenerator aes = KeyGenerator.getInstance("AES");
        aes.init(256);
        store.setEntry("field-aes-1", new KeyStore.SecretKeyEntry(aes.generateKey()),
                new KeyStore.PasswordProtection(password));
        try (OutputStream out = Files.newOutputStream(keystore)) {
            store.store(out, password);
        }

        assertThatThrownBy(() -> KeyStoreFieldKeys.open(keystore, password))
                .hasMessageContaining("needs at least one field-aes-<n> key and a field-hmac key");
    }

    @Test
    void unknownKeyIdsAreEmptyNotErrors() {
        KeyStoreFieldKeys keys = KeyStoreFieldKeys.demo(data);

        assertThat(keys.aesKey("field-aes-2")).isEmpty();
        assertThat(keys.aesKey("field-hmac")).isEmpty();
        assertThat(keys.aesKey("field-aes-01")).isEmpty();
        assertThat(keys.aesKey(null)).isEmpty();
    }

    @Test
    void withoutThePasswordVariableTheErrorNamesIt() {
        assumeTrue(System.getenv(KeyStoreFieldKeys.PASSWORD_ENV) == null);

        assertThatThrownBy(KeyStoreFieldKeys::passwordFromEnvironment)
                .hasMessage("Set CLUEHUB_FIELD_KEYS_PASSWORD to the field keystore password");
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
