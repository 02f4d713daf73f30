package io.cluehub.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignCommandTest {

    @TempDir
    Path dir;

    private Path privateKey;
    private Path publicKey;
    private Path message;
    private ECKey key;

    @BeforeEach
    void files() throws Exception {
        key = ClueHubSigner.generateKey("SAMR-330106-20261123-0a1b2c");
        privateKey = Files.writeString(dir.resolve("SAMR-330106.jwk"), key.toJSONString());
        publicKey = Files.writeString(dir.resolve("SAMR-330106.pub.jwk"), key.toPublicJWK().toJSONString());
        message = Files.write(dir.resolve("message.json"),
                "{\"type\":\"clue.transfer\",\"summary\":\"假冒化妆品\"}\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void signPrintsADetachedJwsThatVerifies() throws Exception {
        Run sign = run("sign", "--key", privateKey.toString(), message.toString());

        assertThat(sign.status).isZero();
        String jws = sign.out.strip();
        assertThat(jws).matches("[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+");
        assertThat(ClueHubSigner.verify(Files.readAllBytes(message), jws, key.toPublicJWK().toJSONString())).isTrue();
    }

    @Test
    void signOutWritesTheJwsFileBesideTheMessageAndVerifyReadsIt() {
        Path jws = dir.resolve("message.json.jws");

        assertThat(run("sign", "--key", privateKey.toString(), "--out", jws.toString(), message.toString()).status)
                .isZero();
        Run verify = run("verify", "--key", publicKey.toString(), "--signature", jws.toString(), message.toString());

        assertThat(verify.status).isZero();
        assertThat(verify.out).contains("signature valid (key SAMR-330106-20261123-0a1b2c)");
    }

    @Test
    void verifyAcceptsTheJwsItselfAndAJwkSet() throws Exception {
        String jws = run("sign", "--key", privateKey.toString(), message.toString()).out.strip();
        ECKey hub = ClueHubSigner.generateKey("hub-20261123-ffffff");
        Path jwks = Files.writeString(dir.resolve("hub-jwks.json"),
                new JWKSet(List.<JWK>of(hub.toPublicJWK(), key.toPublicJWK())).toString(true));

        assertThat(run("verify", "--key", jwks.toString(), "--signature", jws, message.toString()).status).isZero();
    }

    @Test
    void verifyOfOtherBytesExitsOneWithAClearMessage() throws Exception {
        String jws = run("sign", "--key", privateKey.toString(), message.toString()).out.strip();
        Path changed = Files.writeString(dir.resolve("changed.json"), "{\"type\":\"clue.transfer\"}\n");

        Run verify = run("verify", "--key", publicKey.toString(), "--signature", jws, changed.toString());

        assertThat(verify.status).isEqualTo(SignCommand.INVALID);
        assertThat(verify.err).contains("signature INVALID: the signature does not match these bytes and this key");
        assertThat(verify.out).isEmpty();
    }

    @Test
    void theMessageCanComeFromStandardInput() throws Exception {
        byte[] body = Files.readAllBytes(message);

        Run sign = run(new ByteArrayInputStream(body), "sign", "--key", privateKey.toString(), "-");

        assertThat(ClueHubSigner.verify(body, sign.out.strip(), key.toPublicJWK().toJSONString())).isTrue();
    }

    @Test
    void keygenWritesAnOwnerOnlyPrivateKeyAndPrintsOnlyThePublicKey() throws Exception {
        Path file = dir.resolve("keys/STA-330000.jwk");

        Run keygen = run("keygen", "--kid", "STA-330000-20261123-000001", "--out", file.toString());

        assertThat(keygen.status).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        ECKey generated = ClueHubSigner.parsePrivateKey(Files.readString(file));
        assertThat(generated.isPrivate()).isTrue();
        assertThat(keygen.out).doesNotContain("\"d\"").doesNotContain(generated.getD().toString());
        assertThat(JWK.parse(keygen.out.strip())).isEqualTo(generated.toPublicJWK());
    }

    @Test
    void keygenNeverOverwritesAKey() throws Exception {
        String before = Files.readString(privateKey);

        Run keygen = run("keygen", "--kid", "again", "--out", privateKey.toString());

        assertThat(keygen.status).isEqualTo(SignCommand.ERROR);
        assertThat(keygen.err).contains("file exists, not overwritten");
        assertThat(Files.readString(privateKey)).isEqualTo(before);
    }

    @Test
    void publicPrintsThePublicJwk() throws Exception {
        Run pub = run("public", "--key", privateKey.toString());

        assertThat(pub.status).isZero();
        JWK printed = JWK.parse(pub.out.strip());
        assertThat(printed.isPrivate()).isFalse();
        assertThat(printed.getKeyID()).isEqualTo(key.getKeyID());
        assertThat(printed.computeThumbprint()).isEqualTo(key.computeThumbprint());
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run().status).isEqualTo(SignCommand.ERROR);
        assertThat(run("frobnicate").err).contains("unknown command frobnicate");
        assertThat(run("sign", message.toString()).err).contains("sign needs --key");
        assertThat(run("sign", "--key").err).contains("--key needs a value");
        assertThat(run("sign", "--kye", privateKey.toString(), message.toString()).err)
                .contains("sign does not take --kye");
        assertThat(run("sign", "--key", privateKey.toString()).err).contains("exactly one MESSAGE");
        assertThat(run("verify", "--key", publicKey.toString(), "--signature", "nope.jws", message.toString()).err)
                .contains("no such file: nope.jws");
        assertThat(run("sign", "--key", dir.resolve("missing.jwk").toString(), message.toString()).status)
                .isEqualTo(SignCommand.ERROR);
    }

    @Test
    void helpGoesToStandardOutputAndSucceeds() {
        Run help = run("--help");

        assertThat(help.status).isZero();
        assertThat(help.out).contains("usage: java -jar clue-hub-client.jar");
    }

    @Test
    void aPublicKeyGivenToSignIsRefusedAndABrokenKeyIsNotEchoed() throws Exception {
        String d = key.getD().toString();
        Path broken = Files.writeString(dir.resolve("broken.jwk"), key.toJSONString().replace("{", "[{"));

        Run withPublic = run("sign", "--key", publicKey.toString(), message.toString());
        Run withBroken = run("sign", "--key", broken.toString(), message.toString());

        assertThat(withPublic.status).isEqualTo(SignCommand.ERROR);
        assertThat(withPublic.err).contains("private key");
        assertThat(withBroken.status).isEqualTo(SignCommand.ERROR);
        assertThat(withBroken.err).contains("not a valid JWK").doesNotContain(d);
    }

    private Run run(String... args) {
        return run(new ByteArrayInputStream(new byte[0]), args);
    }

    private static Run run(InputStream in, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SignCommand.run(args, in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int status, String out, String err) {
    }
}
