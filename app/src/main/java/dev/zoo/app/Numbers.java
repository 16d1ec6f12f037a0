package dev.zoo.app;

import dev.zoo.results.EvalSpec;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Number options that refuse what makes no sense (NaN, infinities, negatives, out of range) as usage errors. */
final class Numbers {

    private Numbers() {
    }

    /** A whole number of at least {@code min}. */
    private abstract static class AtLeast implements ITypeConverter<Integer> {
        private final int min;

        AtLeast(int min) {
            this.min = min;
        }

        @Override
        public Integer convert(String value) {
            int n = parseInt(value);
            if (n < min) {
                throw new TypeConversionException("expected a whole number of at least " + min + ", found '" + value
                        + "'");
            }
            return n;
        }
    }

    /** A whole number of at least 1 (batch size, threads, --limit). */
    static final class Positive extends AtLeast {
        Positive() {
            super(1);
        }
    }

    /** A probability strictly between 0 and 1 (a significance level). */
    static final class Probability implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double d;
            try {
                d = Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                d = Double.NaN;
            }
            if (!(d > 0 && d < 1)) {
                throw new TypeConversionException("expected a probability between 0 and 1 (e.g. 0.05), found '"
                        + value + "'");
            }
            return d;
        }
    }

    /** A whole number of at least 0 (how many to list). */
    static final class NonNegative extends AtLeast {
        NonNegative() {
            super(0);
        }
    }

    /** {@code --batch}: a whole number of at least 1, or {@code auto} ({@link EvalSpec#AUTO_BATCH}). */
    static final class Batch implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return "auto".equalsIgnoreCase(value.strip()) ? EvalSpec.AUTO_BATCH : new Positive().convert(value);
        }
    }

    /** A TCP port: 0 (any free port) to 65535. */
    static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int n = parseInt(value);
            if (n < 0 || n > 65_535) {
                throw new TypeConversionException("expected a port from 0 to 65535, found '" + value + "'");
            }
            return n;
        }
    }

    /** A finite number of percentage points, 0 to 100. */
    static final class Points implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double d;
            try {
                d = Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("expected a number of percentage points, found '" + value + "'");
            }
            if (!Double.isFinite(d) || d < 0 || d > 100) {
                throw new TypeConversionException(String.format(Locale.ROOT, "expected a finite number of percentage "
                        + "points from 0 to 100, found '%s'", value));
            }
            return d;
        }
    }

    /** {@code --crop-pct}: a share in (0, 1], as a card's Crop Pct. */
    static final class CropPct implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double d;
            try {
                d = Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                d = Double.NaN;
            }
            if (!(d > 0 && d <= 1)) {
                throw new TypeConversionException("expected a share of the resized image in (0, 1] (e.g. 0.875), "
                        + "found '" + value + "'");
            }
            return d;
        }
    }

    /** {@code --image-size}: pixels, 1 to {@link EvalSpec.Transform#MAX_IMAGE_SIZE}. */
    static final class ImageSize implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int n = parseInt(value);
            if (n < 1 || n > EvalSpec.Transform.MAX_IMAGE_SIZE) {
                throw new TypeConversionException("expected an image size of 1 to " + EvalSpec.Transform.MAX_IMAGE_SIZE
                        + " pixels, found '" + value + "'");
            }
            return n;
        }
    }

    static int parseInt(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("expected a whole number, found '" + value + "'");
        }
    }
}
