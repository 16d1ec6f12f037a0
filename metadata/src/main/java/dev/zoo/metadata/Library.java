package dev.zoo.metadata;

/**
 * A model-index {@code Library} block: the software that provides the file's models (name, repository, website,
 * documentation and a one-line headline). Kept and shown; it changes nothing Zoo evaluates.
 */
public record Library(String name, String repository, String website, String docs, String headline) {
}
