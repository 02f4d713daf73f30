package io.cluehub.schemas.validation;

/**
 * Every stable code an issue or a rejection can carry. Agency integrators match on these names, so a name never
 * changes meaning once published; new codes are added at the end of their group. The description is the one place
 * each code is documented (the README's error table is generated from the same text).
 */
public enum IssueCode {
    // Reading the bytes
    BODY_TOO_LARGE("The body is larger than the configured maximum; it was not parsed."),
    ENCODING_INVALID("The body is not valid UTF-8."),
    JSON_MALFORMED("The body is not well-formed JSON, or breaks a parser limit (nesting, string or number length, duplicate keys)."),

    // JSON Schema
    SCHEMA_REQUIRED("A required property is missing."),
    SCHEMA_TYPE("A value has the wrong JSON type."),
    SCHEMA_ENUM("A value is not one of the allowed codes."),
    SCHEMA_FORMAT("A value does not match the required format or pattern."),
    SCHEMA_ADDITIONAL_PROPERTY("A property is not allowed here."),
    SCHEMA_CONSTRAINT("A value breaks a length, size or range constraint."),
    SCHEMA_VIOLATION("The message breaks another JSON Schema rule."),
    TYPE_UNKNOWN("The message type is not one the hub knows."),
    SCHEMA_VERSION_UNKNOWN("The schemaVersion names no schema the hub has for this type."),

    // Business rules
    USCC_CHECK_CHARACTER("The unified social credit code fails its GB 32100 check character."),
    ID_NUMBER_CHECK_DIGIT("The resident identity number fails its ISO 7064 MOD 11-2 check digit."),
    ID_NUMBER_BIRTH_DATE("The resident identity number does not hold a real birth date."),
    DIVISION_UNKNOWN("The division code is not a GB/T 2260 division."),
    DATE_RANGE("A start date is after its end date."),
    DEADLINE_BEFORE_SENT("The deadline is not after sentAt."),
    REPLY_TYPE_MISMATCH("inReplyTo is missing or names a message of the wrong type."),
    PROFILE_CONSTRAINT("The message breaks a constraint of the sender's agency profile."),
    REPLY_TARGET_UNKNOWN("inReplyTo names a message the hub has not seen."),
    PROFILE_UNKNOWN("The sender's directory entry names an agency profile the hub does not have for this schemaVersion."),

    // Pipeline (sender, routing, security, mapping)
    SENDER_MISMATCH("The envelope's sender is not the authenticated office."),
    SENDER_UNKNOWN("The authenticated user is not a connected office of the directory."),
    UNKNOWN_RECIPIENT("A recipient is not an office of the directory."),
    NO_RECIPIENTS("The message names no recipients and its type is not routed by the hub."),
    UNROUTABLE("No office is competent for the message's jurisdiction and categories."),
    DUPLICATE_MESSAGE("The (sender, messageId) pair was seen before; the message was not delivered again."),
    FORMAT_UNKNOWN("The ClueHubFormat property names neither canonical nor the sender's own directory format."),
    MAPPING_FAILED("The agency format could not be mapped to the canonical form."),
    FILE_NAME_REFUSED("A dropped file's name holds a path separator, '..' or a control character; it was not read."),
    SIGNATURE_MISSING("The message carries no signature but the sender must sign."),
    SIGNATURE_INVALID("The signature does not verify over the body bytes."),
    SIGNATURE_KEY_UNKNOWN("The signature names a key the directory does not hold for the sender."),
    SIGNATURE_KEY_EXPIRED("The signing key was not valid at the time of receipt."),
    SIGNATURE_KEY_REVOKED("The signing key has been revoked."),
    HANDLING_FORBIDS_ONWARD("The handling code of the original clue forbids forwarding it."),
    CONSENT_NOT_ORIGINATOR("Only the originator of a clue may consent to forwarding it, and only to an office it sent the clue to."),
    CONSULTATION_UNKNOWN("inReplyTo names no consultation session the hub keeps."),
    CONSULTATION_ID_TAKEN("A consultation session with this request's messageId already exists."),
    CONSULTATION_NOT_INVITED("The sender is not an invitee of the consultation (nor the office an unconnected invitee's mail goes to)."),
    CONSULTATION_ALREADY_ANSWERED("The invitee has already given its opinion in this consultation."),
    CONSULTATION_COMPLETED("The consultation no longer takes opinions: every invitee answered, its deadline passed or it was decided."),
    CONSULTATION_NOT_CONVENER("Only the consultation's convener may decide it."),
    CONSULTATION_CLOSED("The consultation has already been decided."),
    CLUE_UNKNOWN("The clue.status names a clue (inReplyTo) that the hub did not deliver to the sending office."),
    STATUS_TRANSITION_INVALID("The clue's current disposition at the sending office does not allow this status; the diagnostics name the current state and the allowed next ones."),
    REFERRAL_REFUSED("The clue cannot be referred to that office: it is the originator, the referring office itself, or already has the clue."),
    LIST_ENTRY_EXISTS("An info.share adds an entry the sending office already listed (in any state); use update, or a new entryId."),
    LIST_ENTRY_UNKNOWN("An info.share updates or removes an entry the sending office has not listed, or that is no longer on the list."),
    LIST_ENTRY_NOT_OWNER("An info.share updates or removes an entry of another office: only the office that listed an entry may change it."),
    LIST_ENTRY_REPEATED("An info.share names the same entry twice."),
    INTERNAL_ERROR("The hub failed to process the message; operators have been told.");

    private final String description;

    IssueCode(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
