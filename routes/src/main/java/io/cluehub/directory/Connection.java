package io.cluehub.directory;

/**
 * How a connected office is reached: its channel, the message format it speaks ({@code canonical} unless it has its
 * own) and the validation profile its messages must meet on top of the base schemas ({@code null} for none).
 */
public record Connection(String officeId, Channel channel, String format, String profile) {

    public static final String CANONICAL_FORMAT = "canonical";
}
