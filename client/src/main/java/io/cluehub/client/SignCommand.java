package io.cluehub.client;

import com.nimbusds.jose.jwk.ECKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The command line of the agency client: {@code java -jar clue-hub-client.jar <command> …}.
 *
 * <pre>
 * sign    --key PRIVATE.jwk [--out FILE.jws] MESSAGE
 * verify  --key PUBLIC.jwk|JWKS.json --signature FILE.jws|JWS MESSAGE
 * keygen  --kid KEY-ID --out PRIVATE.jwk
 * public  --key PRIVATE.jwk
 * </pre>
 *
 * MESSAGE is a file, or {@code -} for standard input. Exit status: 0 success (signature valid), 1 signature invalid,
 * 2 usage or I/O error.
 */
public final class SignCommand {

    static final int OK = 0;
    static final int INVALID = 1;
    static final int ERROR = 2;

    private static final Pattern DETACHED = Pattern.compile("\\s*[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+\\s*");

    static final String USAGE = String.join(System.lineSeparator(),
            "Clue Hub agency client: detached ES256 signatures (RFC 7797) of message bytes",
            "",
            "usage: java -jar clue-hub-client.jar <command> [options] [MESSAGE]",
            "",
            "  sign    --key PRIVATE.jwk [--out FILE.jws] MESSAGE",
            "          prints the detached JWS for property " + ClueHubSigner.JMS_PROPERTY
                    + " (or writes it to FILE.jws for SFTP)",
            "  verify  --key PUBLIC.jwk|JWKS.json --signature FILE.jws|JWS MESSAGE",
            "          checks an office's signature, or the hub's " + ClueHubSigner.HUB_JMS_PROPERTY
                    + " with the hub's JWK set",
            "  keygen  --kid KEY-ID --out PRIVATE.jwk",
            "          creates a P-256 key pair (file readable by its owner only) and prints the public JWK to register",
            "  public  --key PRIVATE.jwk",
            "          prints the public JWK of a private key",
            "",
            "MESSAGE is a file or - for standard input; it is signed byte for byte.",
            "exit status: 0 success or valid, 1 invalid signature, 2 usage or I/O error");

    private SignCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs one command; returns the exit status. */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length == 0 || "help".equals(args[0]) || "--help".equals(args[0]) || "-h".equals(args[0])) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? ERROR : OK;
        }
        Arguments a;
        try {
            a = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return ERROR;
        }
        try {
            switch (a.command) {
                case "sign":
                    return sign(a, in, out, err);
                case "verify":
                    return verify(a, in, out, err);
                case "keygen":
                    return keygen(a, out, err);
                case "public":
                    return publicKey(a, out);
                default:
                    err.println("error: unknown command " + a.command);
                    err.println(USAGE);
                    return ERROR;
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return ERROR;
        } catch (NoSuchFileException e) {
            err.println("error: no such file: " + e.getFile());
            return ERROR;
        } catch (FileAlreadyExistsException e) {
            err.println("error: file exists, not overwritten: " + e.getFile());
            return ERROR;
        } catch (IOException e) {
            err.println("error: " + e);
            return ERROR;
        }
    }

    private static int sign(Arguments a, InputStream in, PrintStream out, PrintStream err) throws IOException {
        a.allowOnly("--key", "--out");
        String keyFile = a.required("--key");
        byte[] body = readMessage(a.message(), in);
        String jws = ClueHubSigner.sign(body, readText(keyFile));
        String outFile = a.options.get("--out");
        if (outFile == null) {
            out.println(jws);
        } else {
            Files.write(Paths.get(outFile), jws.getBytes(StandardCharsets.US_ASCII));
            err.println("wrote " + outFile);
        }
        return OK;
    }

    private static int verify(Arguments a, InputStream in, PrintStream out, PrintStream err) throws IOException {
        a.allowOnly("--key", "--signature");
        String keyFile = a.required("--key");
        String signature = a.required("--signature");
        byte[] body = readMessage(a.message(), in);
        ClueHubSigner.Verification result =
                ClueHubSigner.check(body, readSignature(signature), readText(keyFile));
        if (result.isValid()) {
            out.println(result.message());
            return OK;
        }
        err.println(result.message());
        return INVALID;
    }

    private static int keygen(Arguments a, PrintStream out, PrintStream err) throws IOException {
        a.allowOnly("--kid", "--out");
        a.noMessage();
        String kid = a.required("--kid");
        Path file = Paths.get(a.required("--out"));
        ECKey key = ClueHubSigner.generateKey(kid);
        writeOwnerOnly(file, key.toJSONString());
        err.println("wrote the private key to " + file + " (keep it secret; register the public key below)");
        out.println(key.toPublicJWK().toJSONString());
        return OK;
    }

    private static int publicKey(Arguments a, PrintStream out) throws IOException {
        a.allowOnly("--key");
        a.noMessage();
        ECKey key = ClueHubSigner.parsePrivateKey(readText(a.required("--key")));
        out.println(key.toPublicJWK().toJSONString());
        return OK;
    }

    /** A file name if such a file exists; otherwise the argument itself when it looks like a detached JWS. */
    private static String readSignature(String argument) throws IOException {
        Path path = Paths.get(argument.trim().isEmpty() ? "." : argument);
        if (Files.isRegularFile(path)) {
            return readText(argument);
        }
        if (DETACHED.matcher(argument).matches()) {
            return argument;
        }
        throw new NoSuchFileException(argument);
    }

    private static byte[] readMessage(String message, InputStream in) throws IOException {
        if ("-".equals(message)) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            for (int n; (n = in.read(chunk)) != -1; ) {
                buffer.write(chunk, 0, n);
            }
            return buffer.toByteArray();
        }
        return Files.readAllBytes(Paths.get(message));
    }

    private static String readText(String file) throws IOException {
        return new String(Files.readAllBytes(Paths.get(file)), StandardCharsets.UTF_8);
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Path absolute = file.toAbsolutePath();
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        try (OutputStream stream = Files.newOutputStream(absolute, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            try {
                Files.setPosixFilePermissions(absolute, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the file keeps the ACLs of its folder; the README says to keep keys in a private folder.
            }
            stream.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** {@code command [--name value]… [message]}. */
    private static final class Arguments {

        final String command;
        final Map<String, String> options = new HashMap<>();
        final List<String> positional = new ArrayList<>();

        private Arguments(String command) {
            this.command = command;
        }

        static Arguments parse(String[] args) {
            Arguments a = new Arguments(args[0]);
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                if (arg.startsWith("--")) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(arg + " needs a value");
                    }
                    a.options.put(arg, args[++i]);
                } else {
                    a.positional.add(arg);
                }
            }
            return a;
        }

        String required(String option) {
            String value = options.get(option);
            if (value == null) {
                throw new IllegalArgumentException(command + " needs " + option);
            }
            return value;
        }

        void allowOnly(String... allowed) {
            List<String> known = Arrays.asList(allowed);
            for (String option : options.keySet()) {
                if (!known.contains(option)) {
                    throw new IllegalArgumentException(command + " does not take " + option);
                }
            }
        }

        void noMessage() {
            if (!positional.isEmpty()) {
                throw new IllegalArgumentException(command + " takes no MESSAGE");
            }
        }

        String message() {
            if (positional.size() != 1) {
                throw new IllegalArgumentException(command + " needs exactly one MESSAGE file (or - for standard input)");
            }
            return positional.get(0);
        }
    }
}
