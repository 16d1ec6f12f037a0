package dev.zoo.registry;

import dev.zoo.core.ZooException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * How the registry reaches weights.
 *
 * @param offline {@code ZOO_OFFLINE=1}: never touch the network (file:// URLs still work)
 * @param mirror  {@code ZOO_MIRROR}: replaces the scheme, host and port of every http(s) weights URL, keeping the path
 *                under the mirror's own path; null for none
 */
public record RegistrySettings(boolean offline, URI mirror) {

    public static final RegistrySettings DEFAULT = new RegistrySettings(false, null);

    /** The URL to fetch for a catalogue URL. */
    public URI resolve(String weightsUrl) throws ZooException {
        URI uri;
        try {
            uri = new URI(weightsUrl);
        } catch (URISyntaxException e) {
            throw new ZooException(ZooException.Kind.USAGE, "malformed Weights URL '" + weightsUrl + "': "
                    + e.getReason());
        }
        if (mirror == null || !isNetwork(uri)) {
            return uri;
        }
        String base = mirror.toString().replaceAll("/+$", "");
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return URI.create(base + path + query);
    }

    public static boolean isNetwork(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https");
    }

    /** Reads ZOO_OFFLINE (1/true/yes) and ZOO_MIRROR. */
    public static RegistrySettings of(String offline, String mirror) {
        boolean off = offline != null && switch (offline.trim().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            default -> false;
        };
        URI m = null;
        if (mirror != null && !mirror.isBlank()) {
            m = URI.create(mirror.trim());
            if (!isNetwork(m) || m.getHost() == null) {
                throw new IllegalArgumentException("ZOO_MIRROR must be an http(s) URL with a host, found '" + mirror
                        + "'");
            }
        }
        return new RegistrySettings(off, m);
    }
}
