package dev.zoo.metadata;

/** A paper as model-index writes it: either a bare URL or {@code {Title, URL}}. */
public record Paper(String title, String url) {
}
