package io.cluehub.schemas.validation;

/** Building JSON Pointers (RFC 6901). */
final class JsonPointers {

    private JsonPointers() {}

    static String child(String parent, String property) {
        return parent + "/" + escape(property);
    }

    static String child(String parent, int index) {
        return parent + "/" + index;
    }

    static String escape(String token) {
        if (token.indexOf('~') < 0 && token.indexOf('/') < 0) {
            return token;
        }
        return token.replace("~", "~0").replace("/", "~1");
    }
}
