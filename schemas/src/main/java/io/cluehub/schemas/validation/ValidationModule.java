package io.cluehub.schemas.validation;

/**
 * One link of the validation chain, as a module of HAPI FHIR's validation support chain: it looks at the message in
 * the context and adds the issues it finds. Modules run in order; every module runs unless an earlier one
 * {@linkplain ValidationContext#halt() halted} the chain because the message cannot be understood at all. A module
 * must be thread-safe and must tolerate messages that broke the schema (check shapes before reading values).
 */
public interface ValidationModule {

    /** A short stable name, e.g. {@code json-schema}. */
    String name();

    void validate(ValidationContext context);
}
