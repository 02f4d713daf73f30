package io.cluehub.lists;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One page of a shared list as of {@code version} ({@code GET /api/v1/lists/{name}} and the {@code list.snapshot}
 * payload): the current entries in (owner, entryId) order, each with the version of its last change and the entry as
 * its owner last sent it (with its entryId); {@code next} is the cursor of the following page, absent on the last.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListPage(String list, long version, String asOf, List<Item> entries, String next) {

    public record Item(String owner, String entryId, long version, JsonNode entry) {
    }
}
