package io.cluehub.lists;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The changes of a shared list after version {@code since} ({@code GET /api/v1/lists/{name}/changes}), whole versions
 * in order, one item per entry a change touched; {@code version} is the list's current version and {@code next},
 * when more versions follow, the {@code since} of the next page.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListChanges(String list, long version, long since, List<Item> changes, Long next) {

    /**
     * {@code action} add, update, remove or expire; {@code messageId} of the info.share (absent for an expiry);
     * {@code archiveSeq} of the info.share or of the list.expired notice; {@code entry} as sent with the change.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(long version, String action, String owner, String entryId, String messageId, long archiveSeq,
            String at, JsonNode entry) {
    }
}
