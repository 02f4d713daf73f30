package io.cluehub.intake;

/**
 * Where one requested recipient's copy goes: {@code deliveredTo} equals {@code recipient} unless the recipient is not
 * connected and mail falls back to its nearest connected ancestor ({@code fallback = true}). {@code rule} names the
 * routing rule that chose the recipient ({@code explicit} for recipients named by the sender).
 */
public record Delivery(String recipient, String deliveredTo, String rule, boolean fallback) {
}
