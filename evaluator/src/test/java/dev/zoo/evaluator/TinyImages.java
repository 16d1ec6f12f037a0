package dev.zoo.evaluator;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/** Generated test images: smooth random colour fields, as JPEG or PNG (never ImageNet's own images). */
public final class TinyImages {

    private TinyImages() {
    }

    public static Path write(Path file, int width, int height, long seed) throws IOException {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        double fx = 3 + r.nextDouble() * 20;
        double fy = 3 + r.nextDouble() * 20;
        int base = r.nextInt(0xFFFFFF);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rr = (int) (127 + 120 * Math.sin(x / fx + seed));
                int gg = (int) (127 + 120 * Math.cos(y / fy));
                int bb = ((base & 0xFF) + x + y) & 0xFF;
                img.setRGB(x, y, (rr << 16) | (gg << 8) | bb);
            }
        }
        Files.createDirectories(file.getParent());
        String format = file.toString().toLowerCase().endsWith(".png") ? "png" : "jpeg";
        if (!ImageIO.write(img, format, file.toFile())) {
            throw new IOException("no writer for " + format);
        }
        return file;
    }

    /** A labelled set of {@code perClass} images in each of {@code classes} folders named class_00, class_01, ... */
    public static Path classFolders(Path root, int classes, int perClass) throws IOException {
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < perClass; i++) {
                String ext = i % 3 == 2 ? ".png" : ".jpg";
                write(root.resolve(String.format("class_%02d/img_%03d%s", c, i, ext)), 40 + 7 * i, 50 + 5 * c,
                        c * 100L + i);
            }
        }
        return root;
    }
}
