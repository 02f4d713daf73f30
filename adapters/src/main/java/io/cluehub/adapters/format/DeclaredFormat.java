package io.cluehub.adapters.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A format declared by a folder: {@code format.yml}, {@code inbound.jsonata}, {@code outbound.jsonata} and its code
 * lists. The syntax codec turns bodies into trees and back; the two mappings turn trees into canonical envelopes and
 * back.
 */
final class DeclaredFormat implements AgencyFormat {

    static final String INBOUND = "inbound.jsonata";
    static final String OUTBOUND = "outbound.jsonata";
    /** How long mapping one body may take in all (a CSV file of many rows), on top of the per-message bound. */
    static final long MAX_BODY_MILLIS = 60_000;

    private final FormatDescriptor descriptor;
    private final SyntaxCodec codec;
    private final Mapping inbound;
    private final Mapping outbound;
    private final LocationTable locations;

    private DeclaredFormat(FormatDescriptor descriptor, SyntaxCodec codec, Mapping inbound, Mapping outbound) {
        this.descriptor = descriptor;
        this.codec = codec;
        this.inbound = inbound;
        this.outbound = outbound;
        this.locations = new LocationTable(descriptor);
    }

    static DeclaredFormat load(FormatFolder folder) {
        byte[] yaml = folder.read("format.yml")
                .orElseThrow(() -> new FormatDefinitionException(folder.name(), "format.yml is missing"));
        FormatDescriptor d = FormatDescriptor.parse(folder.name(), yaml);
        CodeLists codes = CodeLists.load(d.id(), folder, d.codeLists());
        SyntaxCodec codec = switch (d.syntax()) {
            case JSON -> new JsonCodec(d.id());
            case XML -> new XmlCodec(d.id(), d.xml());
            case CSV -> new CsvCodec(d.id(), d.csv());
        };
        return new DeclaredFormat(d, codec, Mapping.compile(d.id(), folder, INBOUND, codes),
                Mapping.compile(d.id(), folder, OUTBOUND, codes));
    }

    FormatDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public String id() {
        return descriptor.id();
    }

    @Override
    public String version() {
        return descriptor.version();
    }

    @Override
    public Syntax syntax() {
        return descriptor.syntax();
    }

    @Override
    public String description() {
        return descriptor.description();
    }

    @Override
    public boolean supports(String messageType) {
        return messageType != null && descriptor.messageTypes().contains(messageType);
    }

    @Override
    public List<byte[]> toCanonical(byte[] agencyBody) {
        List<SyntaxCodec.Document> documents = codec.read(agencyBody);
        List<byte[]> out = new ArrayList<>(documents.size());
        long deadline = System.nanoTime() + MAX_BODY_MILLIS * 1_000_000L;
        for (SyntaxCodec.Document doc : documents) {
            if (System.nanoTime() > deadline) {
                throw new MappingException(id(), doc.where().whole(), "Mapping the body took longer than "
                        + MAX_BODY_MILLIS / 1000 + " s; split it into smaller files.");
            }
            Object result = inbound.apply(doc.tree(), doc.where());
            if (!(result instanceof Map<?, ?> message)) {
                throw new MappingException(id(), doc.where().whole(), "The " + id() + " message could not be mapped: "
                        + "the inbound mapping produced no envelope.");
            }
            Object type = message.get("type");
            if (type instanceof String t && !supports(t)) {
                throw new MappingException(id(), doc.where().whole(), "The " + id() + " format does not carry " + t
                        + " messages.");
            }
            out.add(JsonTrees.write(id(), message, "canonical message"));
        }
        return List.copyOf(out);
    }

    @Override
    public byte[] fromCanonical(byte[] canonicalBody) {
        Object message = JsonTrees.read(id(), canonicalBody, "canonical message");
        if (!(message instanceof Map<?, ?> envelope)) {
            throw new MappingException(id(), "", "The canonical message must be a JSON object.");
        }
        Object type = envelope.get("type");
        if (!(type instanceof String t) || !supports(t)) {
            throw new MappingException(id(), "/type", "The " + id() + " format does not carry "
                    + (type instanceof String t ? t : "this type of") + " messages; it carries "
                    + String.join(", ", descriptor.messageTypes()) + ".");
        }
        Object agency = outbound.apply(message, Locations::pointer);
        if (agency == null) {
            throw new MappingException(id(), "", "The outbound mapping of " + id() + " produced nothing.");
        }
        return codec.write(JsonTrees.clean(id(), agency, id() + " message"));
    }

    @Override
    public Optional<String> agencyLocation(String messageType, String canonicalPointer, int messageIndex) {
        return locations.locate(messageType, canonicalPointer, messageIndex);
    }

    @Override
    public String toString() {
        return "AgencyFormat[" + id() + " " + version() + ", " + syntax().name().toLowerCase(Locale.ROOT)
                + ", " + descriptor.messageTypes() + "]";
    }
}
