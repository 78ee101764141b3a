package io.makerates.sources;

import java.net.URI;

/**
 * What an adapter is built from: the configured source's id, where its provider is served and the
 * base currency it is asked for (the type's default unless configured), and whether it has a key.
 */
public record AdapterConfig(String id, String type, URI baseUrl, String base, boolean keyed) {}
