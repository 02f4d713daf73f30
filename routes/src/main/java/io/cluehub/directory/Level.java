package io.cluehub.directory;

/** Administrative level of an office. */
public enum Level {
    NATIONAL,
    PROVINCE,
    CITY,
    COUNTY
}
