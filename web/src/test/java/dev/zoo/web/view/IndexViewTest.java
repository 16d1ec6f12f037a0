package dev.zoo.web.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.results.ResultRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The results page at the scale of the field's catalogues: leaderboards per dataset, server-side filters and pages. */
class IndexViewTest {

    private static ResultRow row(String model, String collection, String dataset, Double claimed, Double measured) {
        return new ResultRow(model, model, collection, dataset, claimed, null, measured, null, null, null, false,
                null, null, null, null, null, null, 1_000_000L, 224, null, null);
    }

    private static List<ResultRow> many(int n) {
        List<ResultRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(row(String.format(Locale.ROOT, "net_%04d", i), i % 2 == 0 ? "Even" : "Odd", "ImageNet",
                    50.0 + i * 0.01, null));
        }
        rows.add(row("cifar_net", "Odd", "CIFAR-10", 98.0, null));
        rows.add(row("cub_net", "Odd", "CUB-200-2011", 99.5, null));
        return rows;
    }

    private static IndexView view(List<ResultRow> rows, IndexView.Query q) {
        return IndexView.of(List.of("Even", "Odd"), rows, q, rows.size() + 3).orElseThrow();
    }

    @Test
    void largeLeaderboardsArePagedAndNeverMixDatasets() {
        IndexView first = view(many(820), new IndexView.Query(null, null, null, null, false, 1));
        assertThat(first.dataset()).isEqualTo("ImageNet");
        assertThat(first.rows()).hasSize(IndexView.PAGE_SIZE);
        assertThat(first.complete()).isFalse();
        assertThat(first.total()).isEqualTo(820);
        assertThat(first.rows().get(0).model()).isEqualTo("net_0819");          // best claimed top-1 first
        assertThat(first.rows()).noneMatch(r -> r.model().equals("cub_net"));   // 99.5 on CUB ranks elsewhere
        assertThat(first.pager().pages()).isEqualTo(9);
        assertThat(first.pager().next()).isEqualTo("/?dataset=ImageNet&page=2");
        assertThat(first.datasets()).extracting(IndexView.DatasetChoice::name)
                .containsExactly("ImageNet", "CIFAR-10", "CUB-200-2011");
        assertThat(first.withoutResults()).isEqualTo(3);

        IndexView last = view(many(820), new IndexView.Query("ImageNet", null, null, null, false, 9));
        assertThat(last.rows()).hasSize(20);
        assertThat(last.pager().previous()).isEqualTo("/?dataset=ImageNet&page=8");
        assertThat(last.pager().next()).isNull();
    }

    @Test
    void theServerFiltersAndSortsWhatItPages() {
        IndexView odd = view(many(820), new IndexView.Query("ImageNet", "net_00", "Odd", "model", true, 1));
        assertThat(odd.total()).isEqualTo(50);     // net_0001 ... net_0099, odd ones
        assertThat(odd.rows()).extracting(IndexView.Row::model).startsWith("net_0001", "net_0003");
        assertThat(odd.ariaSort("model")).isEqualTo("ascending");
        assertThat(odd.query().with("page", "2")).isEqualTo("/?dataset=ImageNet&q=net_00&collection=Odd&sort=model"
                + "&dir=asc&page=2");
    }

    @Test
    void aSmallLeaderboardIsOnePageTheFiltersOnlyHide() {
        IndexView small = view(many(30), new IndexView.Query(null, "net_001", null, null, false, 1));
        assertThat(small.complete()).isTrue();
        assertThat(small.rows()).hasSize(30);
        assertThat(small.rows().stream().filter(r -> !r.hidden())).extracting(IndexView.Row::model)
                .containsExactlyInAnyOrder("net_0010", "net_0011", "net_0012", "net_0013", "net_0014", "net_0015",
                        "net_0016", "net_0017", "net_0018", "net_0019");
        assertThat(small.total()).isEqualTo(10);
    }

    @Test
    void unknownDatasetsAreNotGuessed() {
        assertThat(IndexView.of(List.of(), many(3), new IndexView.Query("Nowhere", null, null, null, false, 1),
                3)).isEmpty();
        assertThat(view(many(3), new IndexView.Query("cifar10", null, null, null, false, 1)).dataset())
                .isEqualTo("CIFAR-10");
    }
}
