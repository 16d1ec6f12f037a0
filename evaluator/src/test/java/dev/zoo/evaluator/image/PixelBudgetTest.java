package dev.zoo.evaluator.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.networks.Fixtures;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PixelBudgetTest {

    @Test
    void anImageThatDoesNotFitWaitsUntilTheOthersAreDone() throws Exception {
        PixelBudget budget = new PixelBudget(100);
        PixelBudget.Lease first = budget.take(60);
        CountDownLatch taken = new CountDownLatch(1);
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
            try (PixelBudget.Lease l = budget.take(60)) {
                taken.countDown();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(taken.await(200, TimeUnit.MILLISECONDS)).as("60 + 60 pixels exceed a budget of 100").isFalse();
        first.close();
        assertThat(taken.await(10, TimeUnit.SECONDS)).as("taken once the first is given back").isTrue();
        second.get(10, TimeUnit.SECONDS);
        try (PixelBudget.Lease all = budget.take(100)) {
            assertThat(all).as("everything given back").isNotNull();
        }
    }

    @Test
    void anImageLargerThanTheWholeBudgetTakesAllOfItAndStillDecodes() throws Exception {
        PixelBudget budget = new PixelBudget(16);   // far below the fixture's pixels
        RgbImage[] seen = new RgbImage[1];
        ImageDecoder.decode(Fixtures.path("preprocess/small.jpg"), budget, image -> seen[0] = image);
        assertThat(seen[0].width() * seen[0].height()).isGreaterThan(16);
        try (PixelBudget.Lease all = budget.take(16)) {
            assertThat(all).as("given back after use").isNotNull();
        }
        assertThat(PixelBudget.oneLargestImage().bytes()).isEqualTo(ImageDecoder.MAX_DECODED_PIXELS * 7);
        assertThatThrownBy(() -> new PixelBudget(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
