package io.cluehub.archive.personal;

import io.cluehub.security.crypto.FieldKind;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The subjects a message names, as blind indexes (table {@code archive_subject}): investigators search by credit code,
 * identity number, phone or a person's name without the archive holding any of them in clear. Every object anywhere
 * under the message's {@code payload} counts ({@code payload.subjects[]}, {@code payload.entries[].subject}, a
 * platform's {@code reportedBy}, …): its {@code uscc}, {@code idNumber}, {@code taxpayerId} and {@code phone}, and its
 * {@code name} when it is a person ({@code kind: person}). Each value is normalised for its {@link FieldKind} (an
 * identity number typed with a lower-case {@code x} or full-width digits finds the same entry) and HMAC'd with the
 * field keystore's index key.
 */
public final class SubjectKeys {

    public static final String USCC = "uscc";
    public static final String ID_NUMBER = "id-number";
    public static final String TAXPAYER_ID = "taxpayer-id";
    public static final String PHONE = "phone";
    public static final String NAME = "name";

    /** Kinds found by an identifier search (credit code, identity number or taxpayer id: one normalisation). */
    public static final List<String> IDENTIFIER_KINDS = List.of(USCC, ID_NUMBER, TAXPAYER_ID);

    /** JSON property → index kind, for the identifier-like properties. */
    private static final Map<String, String> IDENTIFIERS = Map.of("uscc", USCC, "idNumber", ID_NUMBER,
            "taxpayerId", TAXPAYER_ID);
    /** Deeper than any message type nests; a hostile rejected body cannot make the walk recurse without end. */
    private static final int MAX_DEPTH = 32;
    /** More than any valid message names; a body listing more is indexed up to here. */
    private static final int MAX_KEYS = 2000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ArchiveCrypto crypto;

    public SubjectKeys(ArchiveCrypto crypto) {
        this.crypto = crypto;
    }

    /** One row of the index: what kind of identifier, and its HMAC. */
    public record Key(String kind, String hmac) {
    }

    /** The keys of every subject the canonical message names; empty when the bytes are not a JSON object. */
    public Set<Key> of(byte[] canonicalJson) {
        if (canonicalJson == null || canonicalJson.length == 0) {
            return Set.of();
        }
        JsonNode message;
        try {
            message = JSON.readTree(canonicalJson);
        } catch (JacksonException e) {
            // A rejected body that is not JSON names no subject the archive can index.
            return Set.of();
        }
        return of(message);
    }

    /** The keys of every subject the parsed canonical message names (none for null). */
    public Set<Key> of(JsonNode message) {
        Set<Key> keys = new LinkedHashSet<>();
        if (message != null && message.isObject()) {
            walk(message.get("payload"), keys, 0);
        }
        return keys;
    }

    /** The HMAC to look up for a credit code, identity number or taxpayer id (kinds {@link #IDENTIFIER_KINDS}). */
    public String identifier(String term) {
        return crypto.blindIndex(FieldKind.ID_NUMBER, term);
    }

    /** The HMAC to look up for a phone number (kind {@link #PHONE}). */
    public String phone(String term) {
        return crypto.blindIndex(FieldKind.PHONE, term);
    }

    /** The HMAC to look up for a person's name (kind {@link #NAME}). */
    public String name(String term) {
        return crypto.blindIndex(FieldKind.NAME, term);
    }

    private void walk(JsonNode node, Set<Key> keys, int depth) {
        if (node == null || depth > MAX_DEPTH || keys.size() >= MAX_KEYS) {
            return;
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                walk(item, keys, depth + 1);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Map.Entry<String, String> identifier : IDENTIFIERS.entrySet()) {
            String value = text(node, identifier.getKey());
            if (value != null) {
                keys.add(new Key(identifier.getValue(), crypto.blindIndex(FieldKind.ID_NUMBER, value)));
            }
        }
        String phone = text(node, "phone");
        if (phone != null) {
            keys.add(new Key(PHONE, crypto.blindIndex(FieldKind.PHONE, phone)));
        }
        String name = text(node, "name");
        if (name != null && "person".equals(text(node, "kind"))) {
            keys.add(new Key(NAME, crypto.blindIndex(FieldKind.NAME, name)));
        }
        for (JsonNode child : node) {
            if (child.isContainer()) {
                walk(child, keys, depth + 1);
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() && !value.asString().isBlank() ? value.asString() : null;
    }
}
