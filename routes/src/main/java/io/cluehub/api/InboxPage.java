package io.cluehub.api;

import java.util.List;

/** A page of an office's inbox, oldest first; {@code next} is the {@code after} of the next page, null on the last. */
public record InboxPage(String office, List<InboxItem> items, Long next) {
}
