package io.cluehub.intake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.cluehub.archive.personal.ArchiveCrypto;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The messages each archived decision sends, kept so they can be sent again after an interrupted commit. Bodies are
 * copies of what was delivered, personal data included, so they are sealed with the archive's field keys (AES-GCM,
 * bound to their archive position) and opened only to be sent again.
 */
@Repository
public class OutboxStore {

    private static final TypeReference<LinkedHashMap<String, String>> PROPERTIES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final ArchiveCrypto crypto;

    public OutboxStore(JdbcTemplate jdbc, JsonMapper json, ArchiveCrypto crypto) {
        this.jdbc = jdbc;
        this.json = json;
        this.crypto = crypto;
    }

    public void save(long archiveSeq, List<OutboundMessage> messages) {
        List<Object[]> rows = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            OutboundMessage m = messages.get(i);
            ArchiveCrypto.Sealed body = crypto.seal(m.body(), ArchiveCrypto.outboxAad(archiveSeq, i));
            rows.add(new Object[] {archiveSeq, i, m.kind().name(), m.destination(), m.recipient(), m.duplicateId(),
                    json.writeValueAsString(m.properties()), body.stored(), body.keyId(), m.text()});
        }
        jdbc.batchUpdate("INSERT INTO outbox_message (archive_seq, position, kind, destination, recipient, "
                + "duplicate_id, properties, body, body_key, text_body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }

    public List<OutboundMessage> load(long archiveSeq) {
        return jdbc.query("SELECT kind, destination, recipient, duplicate_id, properties, body, text_body, body_key, "
                        + "position FROM outbox_message WHERE archive_seq = ? ORDER BY position",
                (rs, i) -> new OutboundMessage(OutboundMessage.Kind.valueOf(rs.getString(1)), rs.getString(2),
                        rs.getString(3), rs.getString(4), readProperties(rs.getString(5)),
                        crypto.open(rs.getBytes(6), rs.getString(8), ArchiveCrypto.outboxAad(archiveSeq, rs.getInt(9))),
                        rs.getBoolean(7)),
                archiveSeq);
    }

    private Map<String, String> readProperties(String text) {
        return json.readValue(text, PROPERTIES);
    }
}
