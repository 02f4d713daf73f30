package io.cluehub.security.access;

/** What a role may do on the bus, named after the Artemis security-setting permissions. */
public enum Permission {
    SEND,
    CONSUME,
    BROWSE,
    CREATE_ADDRESS,
    DELETE_ADDRESS,
    CREATE_DURABLE_QUEUE,
    DELETE_DURABLE_QUEUE,
    CREATE_NON_DURABLE_QUEUE,
    DELETE_NON_DURABLE_QUEUE,
    MANAGE,
    VIEW,
    EDIT
}
