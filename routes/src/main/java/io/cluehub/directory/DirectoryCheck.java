package io.cluehub.directory;

/**
 * A check a new directory must pass before it replaces the one in force, for what the directory file alone cannot
 * know (e.g. that a named agency format exists). A failing check refuses the reload; the last good directory stays.
 */
@FunctionalInterface
public interface DirectoryCheck {

    /** @throws DirectoryException saying what is wrong with {@code candidate} */
    void check(Directory candidate);
}
