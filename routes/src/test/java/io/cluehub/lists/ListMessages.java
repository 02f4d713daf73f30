package io.cluehub.lists;

import io.cluehub.security.identity.CredentialFile;
import io.cluehub.support.HubTestSupport;
import java.net.http.HttpResponse;

/** Shared-list messages and REST reads for the lists' tests. */
final class ListMessages {

    /** A person: the identity number must never be stored in clear. */
    static final String ID_NUMBER = "330106199503141237";


    private ListMessages() {
    }

    static String share(String messageId, String sender, String list, String action, String... entries) {
        return """
                {"messageId": "%s", "type": "info.share", "schemaVersion": "1.0", "sender": "%s",
                 "sentAt": "2026-12-01T02:00:00Z",
                 "handling": {"classification": "internal", "onwardSharing": "allowed"},
                 "payload": {"list": "%s", "action": "%s", "entries": [%s]}}
                """.formatted(messageId, sender, list, action, String.join(",", entries));
    }

    /** An add or update entry; {@code entryId} null leaves it out (the hub derives one). */
    static String entry(String entryId, String measure, String effectiveTo) {
        return """
                {%s"subject": {"role": "marketer", "kind": "person", "name": "Li Example", "idNumber": "%s"},
                 "measure": {"code": "%s"}, "legalBasis": "Measures Art.29", "effectiveFrom": "2020-01-01",
                 "effectiveTo": "%s", "jurisdiction": {"divisionCode": "330106"}}
                """.formatted(entryId == null ? "" : "\"entryId\": \"" + entryId + "\", ", ID_NUMBER, measure,
                effectiveTo);
    }

    static String removal(String entryId) {
        return """
                {"entryId": "%s", "subject": {"role": "marketer", "kind": "person", "name": "Li Example",
                 "idNumber": "%s"}, "note": "credit repaired"}
                """.formatted(entryId, ID_NUMBER);
    }

    static String request(String messageId, String sender, String list, String after) {
        return """
                {"messageId": "%s", "type": "list.request", "schemaVersion": "1.0", "sender": "%s",
                 "sentAt": "2026-12-01T02:00:00Z",
                 "handling": {"classification": "internal", "onwardSharing": "forbidden"},
                 "payload": {"list": "%s"%s}}
                """.formatted(messageId, sender, list, after == null ? "" : ", \"after\": \"" + after + "\"");
    }

    /** GET on the running hub as a demo user (HTTP Basic), or anonymously with {@code user} null. */
    static HttpResponse<String> get(int port, CredentialFile credentials, String path, String user) {
        return HubTestSupport.restGet(port, credentials, path, user);
    }
}
