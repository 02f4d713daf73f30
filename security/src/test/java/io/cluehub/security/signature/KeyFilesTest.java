package io.cluehub.security.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyFilesTest {

    @TempDir
    Path data;

    @Test
    void demoKeysAreGeneratedOnceAsOwnerOnlyPrivateJwks() throws Exception {
        Path dir = data.resolve("demo-keys");

        Map<String, ECKey> keys = KeyFiles.ensureDemoKeys(dir, List.of("SAMR-330106", "CAC-330100"));

        assertThat(keys).containsOnlyKeys("SAMR-330106", "CAC-330100");
        assertThat(keys.values()).allSatisfy(k -> assertThat(k.isPrivate()).isTrue());
        assertThat(keys.get("SAMR-330106").getKeyID()).matches("SAMR-330106-\\d{8}-[0-9a-f]{6}");
        assertThat(mode(dir)).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("SAMR-330106.jwk"))).isEqualTo("rw-------");
        ECKey onDisk = KeyFiles.load(dir.resolve("SAMR-330106.jwk"));
        assertThat(onDisk.getKeyID()).isEqualTo(keys.get("SAMR-330106").getKeyID());
        assertThat(onDisk.getD()).isEqualTo(keys.get("SAMR-330106").getD());
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("SAMR-330106.jwk", "CAC-330100.jwk");
        }
    }

    @Test
    void laterStartsReuseTheKeysAndAddOnlyTheMissingOnes() {
        Path dir = data.resolve("demo-keys");
        Map<String, ECKey> first = KeyFiles.ensureDemoKeys(dir, List.of("SAMR-330106"));

        Map<String, ECKey> second = KeyFiles.ensureDemoKeys(dir, List.of("SAMR-330106", "STA-330000"));

        assertThat(second.get("SAMR-330106").getKeyID()).isEqualTo(first.get("SAMR-330106").getKeyID());
        assertThat(second.get("SAMR-330106").getD()).isEqualTo(first.get("SAMR-330106").getD());
        assertThat(second.get("STA-330000").getKeyID()).startsWith("STA-330000-");
    }

    @Test
    void theReturnedMapPrintsKeyIdsNeverKeyMaterial() {
        Map<String, ECKey> keys = KeyFiles.ensureDemoKeys(data, List.of("SAMR-330106"));
        ECKey key = keys.get("SAMR-330106");

        assertThat(keys.toString())
                .isEqualTo("{SAMR-330106=<private key " + key.getKeyID() + ">}")
                .doesNotContain(key.getD().toString());
        assertThatThrownBy(() -> keys.put("x", key)).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape", "a/b", ".hidden", "", "SAMR 330106"})
    void officeIdsThatAreNotPlainFileNamesAreRefused(String officeId) {
        assertThatThrownBy(() -> KeyFiles.ensureDemoKeys(data, List.of(officeId)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theHubKeyIsCreatedOnceAndReused() throws Exception {
        Path file = data.resolve("hub-key.jwk");

        ECKey created = KeyFiles.loadOrCreate(file, "hub");
        ECKey loaded = KeyFiles.loadOrCreate(file, "hub");

        assertThat(created.getKeyID()).matches("hub-\\d{8}-[0-9a-f]{6}");
        assertThat(loaded.getKeyID()).isEqualTo(created.getKeyID());
        assertThat(loaded.getD()).isEqualTo(created.getD());
        assertThat(mode(file)).isEqualTo("rw-------");
    }

    @Test
    void instancesRacingOnAFreshDataFolderAllGetTheSameKey() throws Exception {
        Path file = data.resolve("race/hub-key.jwk");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<ECKey>> futures = IntStream.range(0, 8)
                    .mapToObj(i -> pool.submit(() -> {
                        start.await();
                        return KeyFiles.loadOrCreate(file, "hub");
                    }))
                    .collect(Collectors.toList());
            start.countDown();
            List<String> kids = futures.stream().map(f -> {
                try {
                    return f.get(30, TimeUnit.SECONDS).getKeyID();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).distinct().toList();

            assertThat(kids).containsExactly(KeyFiles.load(file).getKeyID());
        } finally {
            pool.shutdownNow();
        }
        try (var files = Files.list(file.getParent())) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void theKeyIdCarriesTheUtcDate() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-22T23:59:59Z"), ZoneOffset.ofHours(8));

        assertThat(KeyFiles.generate("SAMR-330106", clock).getKeyID()).startsWith("SAMR-330106-20261122-");
    }

    @Test
    void aDamagedOrPublicKeyFileIsReportedWithoutItsContent() throws Exception {
        ECKey key = KeyFiles.generate("SAMR-330106", Clock.systemUTC());
        Path damaged = Files.writeString(data.resolve("damaged.jwk"), key.toJSONString().replace("{", "{{"));
        Path publicOnly = Files.writeString(data.resolve("public.jwk"), key.toPublicJWK().toJSONString());

        assertThatThrownBy(() -> KeyFiles.load(damaged))
                .hasMessageContaining("damaged.jwk")
                .hasMessageNotContaining(key.getD().toString())
                .hasNoCause();
        assertThatThrownBy(() -> KeyFiles.load(publicOnly)).hasMessageContaining("not a private EC P-256 JWK");
    }

    @Test
    void thePublishedJwkSetHoldsPublicPartsOnly() throws Exception {
        ECKey hub = KeyFiles.loadOrCreate(data.resolve("hub-key.jwk"), "hub");
        ECKey previous = KeyFiles.generate("hub", Clock.systemUTC());

        String json = KeyFiles.publicJwkSet(List.of(hub, previous));

        assertThat(json).doesNotContain("\"d\"").doesNotContain(hub.getD().toString());
        JWKSet set = JWKSet.parse(json);
        assertThat(set.getKeys()).extracting(JWK::getKeyID).containsExactly(hub.getKeyID(), previous.getKeyID());
        assertThat(set.getKeys()).noneMatch(JWK::isPrivate);
        assertThat(set.getKeyByKeyId(hub.getKeyID()).toECKey().toECPublicKey()).isEqualTo(hub.toECPublicKey());
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
