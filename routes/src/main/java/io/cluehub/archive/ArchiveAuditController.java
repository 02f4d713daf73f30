package io.cluehub.archive;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Auditors check the archive: verify the whole chain, list the time-stamps of its head, stamp it now, and download a
 * time-stamp as the three files {@code openssl ts -verify} needs (head data, token, certificate). Role
 * {@code auditor} (see {@code WebSecurityConfiguration}).
 */
@RestController
@RequestMapping("/api/v1/archive")
public class ArchiveAuditController {

    private static final int MAX_ITEMS = 1000;
    private static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");

    private final ChainVerifier verifier;
    private final ChainTimestamper timestamper;
    private final TimestampStore timestamps;

    public ArchiveAuditController(ChainVerifier verifier, ChainTimestamper timestamper, TimestampStore timestamps) {
        this.verifier = verifier;
        this.timestamper = timestamper;
        this.timestamps = timestamps;
    }

    /** One time-stamp, with where to download its files. */
    public record Stamp(long id, long headSeq, String headHash, String stampedAt, String tsaName, String data,
            String token, String certificate) {

        static Stamp of(ArchiveTimestamp t) {
            String base = "/api/v1/archive/timestamps/" + t.id();
            return new Stamp(t.id(), t.headSeq(), t.headHash(), t.stampedAt().toString(), t.tsaName(),
                    base + "/data", base + "/token", base + "/certificate");
        }
    }

    /** Newest first; {@code nextBefore} pages on ({@code ?before=…}), null on the last page. */
    public record Stamps(List<Stamp> items, Long nextBefore) {
    }

    @GetMapping("/verify")
    public ChainReport verify() {
        return verifier.verify();
    }

    @GetMapping("/timestamps")
    public Stamps timestamps(@RequestParam(required = false) Long before,
            @RequestParam(defaultValue = "100") int limit) {
        int size = Math.max(1, Math.min(limit, MAX_ITEMS));
        List<Stamp> items = timestamps.newest(before == null ? Long.MAX_VALUE : before, size).stream()
                .map(Stamp::of).toList();
        return new Stamps(items, items.size() == size ? items.get(size - 1).id() : null);
    }

    @PostMapping("/timestamps")
    public ResponseEntity<Stamp> stampNow() {
        ArchiveTimestamp stamp;
        try {
            stamp = timestamper.stampNow().orElseThrow(() ->
                    new ResponseStatusException(HttpStatus.CONFLICT, "The archive is empty: no head to time-stamp"));
        } catch (TimestampException e) {
            throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, e.getMessage(), e);
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(Stamp.of(stamp));
    }

    @GetMapping("/timestamps/{id}")
    public Stamp timestamp(@PathVariable long id) {
        return Stamp.of(stamp(id));
    }

    /** The head data {@code <seq>:<hash>}: the file whose SHA-256 the token's imprint is. */
    @GetMapping("/timestamps/{id}/data")
    public ResponseEntity<byte[]> data(@PathVariable long id) {
        TimestampEvidence evidence = TimestampEvidence.of(stamp(id));
        return file(evidence.data(), MediaType.TEXT_PLAIN, evidence.dataFileName());
    }

    /** The RFC 3161 token (DER), for {@code openssl ts -verify -in … -token_in}. */
    @GetMapping("/timestamps/{id}/token")
    public ResponseEntity<byte[]> token(@PathVariable long id) {
        TimestampEvidence evidence = TimestampEvidence.of(stamp(id));
        return file(evidence.token(), MediaType.APPLICATION_OCTET_STREAM, evidence.tokenFileName());
    }

    /** The certificate that signed the token (PEM), for {@code openssl ts -verify -CAfile}. */
    @GetMapping("/timestamps/{id}/certificate")
    public ResponseEntity<byte[]> certificate(@PathVariable long id) {
        TimestampEvidence evidence = TimestampEvidence.of(stamp(id));
        return file(evidence.certificatePem().getBytes(StandardCharsets.US_ASCII), PEM,
                evidence.certificateFileName());
    }

    private ArchiveTimestamp stamp(long id) {
        return timestamps.find(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No time-stamp " + id));
    }

    private static ResponseEntity<byte[]> file(byte[] body, MediaType type, String name) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(body);
    }
}
