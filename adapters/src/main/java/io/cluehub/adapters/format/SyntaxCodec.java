package io.cluehub.adapters.format;

import java.util.List;

/** Reads an agency body into JSON-like trees (one per message) and writes one tree back in the agency's syntax. */
interface SyntaxCodec {

    /** One message of an agency body: its tree and how locations in it are written. */
    record Document(Object tree, Locations.Renderer where) {
    }

    /** The messages of {@code body}, in order. */
    List<Document> read(byte[] body);

    /** One message, from the tree an outbound mapping produced. */
    byte[] write(Object tree);
}
