package dev.zoo.metadata;

/** Where the model's code lives: a bare URL or {@code {URL, Version}}. */
public record CodeLink(String url, String version) {
}
