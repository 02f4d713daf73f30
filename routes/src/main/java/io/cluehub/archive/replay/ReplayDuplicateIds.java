package io.cluehub.archive.replay;

/**
 * The broker duplicate-detection id ({@code _AMQ_DUPL_ID}) of a replayed message. The properties a replayed message
 * carries are the adapters' {@code ClueHubHeaders} ({@code REPLAY}, {@code REPLAY_ID}, {@code ARCHIVE_SEQ} besides a
 * delivery's own).
 */
public final class ReplayDuplicateIds {

    private ReplayDuplicateIds() {
    }

    /**
     * The replay id, the original sender and its messageId. The sender is part of it because messageIds are unique per
     * sender only: two offices' messages with the same id in one replay must not be taken for one.
     */
    public static String of(String replayId, String sender, String messageId) {
        return "replay:" + replayId + ":" + sender + ":" + messageId;
    }
}
