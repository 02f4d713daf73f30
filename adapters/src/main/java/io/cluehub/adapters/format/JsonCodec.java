package io.cluehub.adapters.format;

import java.util.List;
import java.util.Map;

/** JSON bodies: one object per body; locations are JSON Pointers. */
final class JsonCodec implements SyntaxCodec {

    private final String formatId;

    JsonCodec(String formatId) {
        this.formatId = formatId;
    }

    @Override
    public List<Document> read(byte[] body) {
        Object tree = JsonTrees.read(formatId, body, "body");
        if (!(tree instanceof Map)) {
            throw new MappingException(formatId, "", "The body must be a JSON object.");
        }
        return List.of(new Document(tree, Locations::pointer));
    }

    @Override
    public byte[] write(Object tree) {
        if (!(tree instanceof Map)) {
            throw new MappingException(formatId, "", "The outbound mapping of " + formatId
                    + " must produce a JSON object.");
        }
        return JsonTrees.write(formatId, tree, formatId + " message");
    }
}
