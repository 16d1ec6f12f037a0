package dev.zoo.metadata.arch;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * What timm's config says of one pretrained weights file, which a card may leave out: where it is (URL or Hugging Face
 * hub ID), its classes, input size, crop, interpolation, mean and std.
 *
 * @param tag       today's timm pretrained tag ("a1_in1k"); empty for the cards' version (one file per name)
 * @param imageSize the side of {@code input_size}; {@code testImageSize} the one timm evaluates at when it says so
 */
public record WeightsFacts(String tag, String url, String hfHubId, Integer classes, Integer imageSize,
                           Integer testImageSize, Double cropPct, String interpolation, List<Double> mean,
                           List<Double> std) {

    public WeightsFacts {
        mean = mean == null ? null : List.copyOf(mean);
        std = std == null ? null : List.copyOf(std);
    }

    /** The file name of its URL ({@code resnet50_ram-a26f946b.pth}); null without one. */
    public String fileName() {
        return fileName(url);
    }

    /** The last path segment of a URL, lower-cased for comparison; null when there is none. */
    public static String fileName(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String path;
        try {
            path = URI.create(url.strip()).getPath();
        } catch (IllegalArgumentException e) {
            path = url;
        }
        if (path == null) {
            return null;
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.isEmpty() ? null : name.toLowerCase(Locale.ROOT);
    }

    /**
     * True when {@code weightsUrl} names this file: the same file name (timm's, torchvision's and OpenMMLab's names
     * carry their hash), or its Hugging Face hub repository.
     */
    public boolean isFile(String weightsUrl) {
        String name = fileName(weightsUrl);
        if (name != null && name.equals(fileName())) {
            return true;
        }
        return hfHubId != null && weightsUrl != null && weightsUrl.contains("huggingface.co/" + hfHubId + "/");
    }
}
