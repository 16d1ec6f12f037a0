package dev.zoo.bench;

import dev.zoo.core.Sha256;
import dev.zoo.evaluator.image.ImageDecodeException;
import dev.zoo.evaluator.image.ImageDecoder;
import dev.zoo.evaluator.image.Recipe;
import dev.zoo.evaluator.image.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * For {@code bench/pixel-parity.sh}: per image of a folder, the sha256 of its decoded RGB pixels and of its resized
 * and centre-cropped pixels under BiT's recipe (480, bilinear, crop 1.0) and timm's (224, bicubic, crop 0.875), one
 * line each ("name decoded bit timm"), to be compared with what PIL + torchvision give.
 * Usage: {@code PixelParity DIR [N]}.
 */
public final class PixelParity {

    private PixelParity() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : Integer.MAX_VALUE;
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".JPEG") || p.toString().endsWith(".jpg")).sorted().limit(n)
                    .toList();
        }
        Recipe bit = BenchRecipes.bit(480);
        Recipe timm = BenchRecipes.timm();
        StringBuilder out = new StringBuilder();
        for (Path f : files) {
            try {
                RgbImage img = ImageDecoder.decode(f);
                out.append(f.getFileName()).append(' ').append(Sha256.hex(img.rgb())).append(' ')
                        .append(Sha256.hex(bit.resizeAndCrop(img).rgb())).append(' ')
                        .append(Sha256.hex(timm.resizeAndCrop(img).rgb())).append('\n');
            } catch (ImageDecodeException e) {
                out.append(f.getFileName()).append(" refused refused refused\n");
            }
        }
        System.out.print(out);
    }
}
