package io.cluehub.directory;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import io.cluehub.schemas.divisions.Divisions;
import io.cluehub.security.signature.OfficeKey;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the operator-edited file of connected offices (YAML; see {@code directory/demo-directory.yml}). Every entry is
 * checked against the office universe; the first bad entry refuses the whole file with a message naming it.
 */
public final class DirectoryFile {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    /** The shared lists of Articles 9, 14 and 29 an office may subscribe to. */
    public static final List<String> SHARED_LISTS = List.of("serious-violators", "blacklist", "platform-report");

    private DirectoryFile() {
    }

    /** The file's shape: {@code offices: [{id, channel, format, formatVersion, profile, subscriptions, sftp}]}. */
    record Document(@JsonProperty("offices") List<Entry> offices) {
    }

    record Entry(String id, String channel, String format, String formatVersion, String profile,
            List<String> subscriptions, SftpEntry sftp, String signatures, List<Map<String, Object>> keys) {
    }

    /** An {@code sftp} office's server; every field but {@code host} and {@code username} has a default. */
    record SftpEntry(String host, Integer port, String username, String pickup, String delivery, String receipts,
            String processed, String failed) {
    }

    public static Directory read(InputStream in, String source, Divisions divisions) {
        Document document;
        try {
            document = YAML.readValue(in, Document.class);
        } catch (JacksonException e) {
            throw new DirectoryException(source + ": not a valid directory file: " + e.getOriginalMessage(), e);
        }
        if (document == null || document.offices() == null) {
            throw new DirectoryException(source + ": no 'offices' list");
        }
        Directory universe = new Directory(divisions, Map.of());
        Map<String, Connection> connections = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < document.offices().size(); i++) {
            Entry entry = document.offices().get(i);
            String where = source + ": offices[" + i + "]";
            if (entry == null || entry.id() == null) {
                problems.add(where + ": 'id' is missing");
                continue;
            }
            if (universe.find(entry.id()).isEmpty()) {
                problems.add(where + ": '" + entry.id() + "' is not an office (department code and GB/T 2260 division)");
                continue;
            }
            Channel channel;
            try {
                channel = Channel.valueOf((entry.channel() == null ? "jms" : entry.channel()).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(where + ": channel '" + entry.channel() + "' is not one of jms, sftp, rest");
                continue;
            }
            String format = entry.format() == null ? Connection.CANONICAL_FORMAT : entry.format();
            List<String> lists = entry.subscriptions() == null ? List.of() : entry.subscriptions();
            List<String> unknownLists = lists.stream().filter(l -> !SHARED_LISTS.contains(l)).toList();
            if (!unknownLists.isEmpty()) {
                problems.add(where + ": subscriptions " + unknownLists + " are not shared lists " + SHARED_LISTS);
                continue;
            }
            SftpServer sftp = null;
            if (channel == Channel.SFTP) {
                SftpEntry e = entry.sftp();
                if (e == null || e.host() == null || e.username() == null) {
                    problems.add(where + ": an sftp office needs 'sftp: {host, username}' (port and folders default)");
                    continue;
                }
                sftp = new SftpServer(e.host(), e.port() == null ? 0 : e.port(), e.username(), e.pickup(),
                        e.delivery(), e.receipts(), e.processed(), e.failed());
            } else if (entry.sftp() != null) {
                problems.add(where + ": 'sftp' settings belong to an office whose channel is sftp");
                continue;
            }
            String signatures = entry.signatures() == null ? "required" : entry.signatures();
            if (!signatures.equals("required") && !signatures.equals("optional")) {
                problems.add(where + ": signatures '" + signatures + "' is not required or optional");
                continue;
            }
            List<OfficeKey> keys = new ArrayList<>();
            for (Map<String, Object> jwk : entry.keys() == null ? List.<Map<String, Object>>of() : entry.keys()) {
                try {
                    keys.add(publicKey(entry.id(), jwk));
                } catch (IllegalArgumentException e) {
                    problems.add(where + ": " + e.getMessage());
                }
            }
            Connection connection = new Connection(entry.id(), channel, format, entry.formatVersion(),
                    entry.profile(), Set.copyOf(lists), sftp, signatures.equals("required"), keys);
            if (connections.put(entry.id(), connection) != null) {
                problems.add(where + ": '" + entry.id() + "' is listed twice");
            }
        }
        if (!problems.isEmpty()) {
            throw new DirectoryException(String.join("; ", problems));
        }
        return new Directory(divisions, connections);
    }

    /**
     * One of an office's signing keys: a public EC P-256 JWK with its {@code kid}, and optionally {@code nbf} and
     * {@code exp} (validity, seconds since the epoch) and {@code revoked: {revoked_at: …}} (RFC 7517 members as Nimbus
     * reads them). A private key in the directory is refused: the directory is not a place for secrets.
     */
    private static OfficeKey publicKey(String officeId, Map<String, Object> members) {
        JWK jwk;
        try {
            jwk = JWK.parse(members);
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException("a key is not a JWK (" + e.getMessage() + ")");
        }
        if (!(jwk instanceof ECKey ec) || ec.getKeyID() == null) {
            throw new IllegalArgumentException("a key is not an EC JWK with a kid");
        }
        if (ec.isPrivate()) {
            throw new IllegalArgumentException("key " + ec.getKeyID() + " holds a private part; list public keys only");
        }
        return OfficeKey.fromJwk(officeId, ec);
    }

    static Directory read(byte[] bytes, String source, Divisions divisions) {
        try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
            return read(in, source, divisions);
        } catch (IOException e) {
            throw new DirectoryException(source + ": " + e.getMessage(), e);
        }
    }
}
