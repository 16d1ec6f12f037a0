package dev.zoo.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The results table and a model card in real headless Chromium (Debian's chromium and chromium-driver), against the
 * packaged {@code zoo serve}: sort, filter, open a card, and compare what is shown with the database. Screenshots go
 * to {@code app/target/screenshots}.
 */
class BrowserIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "screenshots");

    @TempDir
    Path tmp;

    Process server;
    ChromeDriver browser;
    String base;
    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (System.getenv("CI") == null) {
            assumeTrue(present, "Debian chromium and chromium-driver are not installed: browser test skipped");
        }
        assertThat(present).as("chromium and chromedriver (installed by the test script)").isTrue();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        server = new ZooProcess(tmp.resolve("home")).env("ZOO_API_TOKEN", "browser-token")
                .start("serve", "--port", Integer.toString(port));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/api/models")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    break;
                }
            } catch (java.io.IOException notYet) {
                if (System.nanoTime() > deadline || !server.isAlive()) {
                    throw new AssertionError("zoo serve did not start on " + base, notYet);
                }
                Thread.sleep(100);
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + tmp.resolve("chromium"), "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SHOTS);
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.destroy();
            server.waitFor();
        }
    }

    void shot(String name) throws Exception {
        File f = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** An upload Zoo vouches for (weights digest, data fingerprint, recipe); a bare one would stand as reported. */
    long upload(String model, double top1, double top5) throws Exception {
        return upload(model, "ImageNet", 50000, results("ImageNet", top1, top5));
    }

    long upload(String model, String dataset, int images, String results) throws Exception {
        String body = """
                {"model": "%s", "dataset": "%s", "images": %d, "dataFingerprint": "%s",
                 "provenance": {"device": "cpu", "recipe": "crop 224", "weightsSha256": "%s"},
                 "imagesPerSecond": 3.5, "results": [%s]}
                """.formatted(model, dataset, images, "cd".repeat(32), "ab".repeat(32), results);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/runs"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer browser-token")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json.readTree(r.body()).get("id").asLong();
    }

    /** A complete run on a folder Zoo could not identify, told apart by its fingerprint. */
    void uploadFolder(String model, String path, int images, char fingerprint, double top1) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/runs"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer browser-token")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model": "%s", "dataset": "Folder", "images": %d, "datasetImages": %d, "dataPath": "%s",
                         "dataFingerprint": "%s", "provenance": {"recipe": "crop 224", "weightsSha256": "%s"},
                         "results": [{"dataset": "Folder", "metric": "Top 1 Accuracy", "value": %s}]}
                        """.formatted(model, images, images, path, String.valueOf(fingerprint).repeat(64),
                        "ab".repeat(32), top1))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    static String results(String dataset, double top1, double top5) {
        return """
                {"dataset": "%s", "metric": "Top 1 Accuracy", "value": %s},
                {"dataset": "%s", "metric": "Top 5 Accuracy", "value": %s}""".formatted(dataset, top1, dataset, top5);
    }

    List<WebElement> visibleRows() {
        return browser.findElements(By.cssSelector("#results tbody tr")).stream().filter(WebElement::isDisplayed)
                .toList();
    }

    @Test
    void sortFilterOpenACardAndMatchTheDatabase() throws Exception {
        upload("resnetv2_50x1_bitm", 80.07, 95.58);
        upload("resnetv2_101x1_bitm", 82.21, 96.47);
        browser.get(base + "/");
        assertThat(visibleRows()).hasSize(6);
        shot("results");

        // sort by claimed top-1, descending after two clicks
        WebElement claimed = browser.findElement(By.xpath("//th[button='Claimed top-1']/button"));
        claimed.click();
        assertThat(visibleRows().get(0).findElement(By.cssSelector("td")).getText()).isEqualTo("resnetv2_50x1_bitm");
        claimed.click();
        assertThat(visibleRows().get(0).findElement(By.cssSelector("td")).getText()).isEqualTo("resnetv2_152x4_bitm");
        assertThat(browser.findElement(By.xpath("//th[button='Claimed top-1']")).getAttribute("aria-sort"))
                .isEqualTo("descending");
        shot("results-sorted");

        // filter by text, then by collection, without a reload
        WebElement filter = browser.findElement(By.id("filter"));
        filter.sendKeys("152");
        assertThat(visibleRows()).extracting(r -> r.findElement(By.cssSelector("td")).getText())
                .containsExactlyInAnyOrder("resnetv2_152x2_bitm", "resnetv2_152x4_bitm");
        assertThat(browser.findElement(By.id("count")).getText()).isEqualTo("2 of 6 rows");
        // the filter is kept in the URL: a reload (or a shared link) shows the same rows
        assertThat(browser.getCurrentUrl()).contains("q=152");
        browser.navigate().refresh();
        filter = browser.findElement(By.id("filter"));
        assertThat(filter.getAttribute("value")).isEqualTo("152");
        assertThat(visibleRows()).hasSize(2);
        filter.clear();
        filter.sendKeys(" ");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("collection")))
                .selectByVisibleText("Big Transfer");
        assertThat(visibleRows()).hasSize(6);
        shot("results-filtered");

        // the measured value shown matches the database; a move beyond the tolerance is highlighted
        JsonNode rows = json.readTree(http.send(HttpRequest.newBuilder(URI.create(base
                + "/api/results?model=resnetv2_50x1_bitm")).build(), HttpResponse.BodyHandlers.ofString()).body());
        double measured = rows.get(0).get("measuredTop1").asDouble();
        WebElement row = browser.findElement(By.xpath("//tr[td/a='resnetv2_50x1_bitm']"));
        assertThat(row.getAttribute("class")).contains("moved");
        assertThat(row.findElements(By.cssSelector("td")).get(4).getText())
                .startsWith(String.format("%.2f ±", measured));   // the value, then its 95 % interval

        row.findElement(By.linkText("resnetv2_50x1_bitm")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/models/"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("resnetv2_50x1_bitm");
        assertThat(browser.findElement(By.cssSelector("td.measured-top1")).getText()).isEqualTo("80.07 ±0.35");
        assertThat(browser.getPageSource()).contains("25,549,352 parameters", "kolesnikov2020big");
        // every command line has a Copy button
        assertThat(browser.findElements(By.cssSelector("pre.command"))).isNotEmpty().allSatisfy(pre ->
                assertThat(pre.findElement(By.cssSelector("button.copy")).getText()).isEqualTo("Copy"));
        shot("model-card");

        browser.get(base + "/chart");
        // six claimed points, two measured ones, each measured point joined to its model's claim, names beside them
        assertThat(browser.findElements(By.cssSelector("#chart-params circle.claimed"))).hasSize(6);
        assertThat(browser.findElements(By.cssSelector("#chart-params circle.measured"))).hasSize(2);
        assertThat(browser.findElements(By.cssSelector("#chart-params line.join"))).hasSize(2);
        assertThat(browser.findElements(By.cssSelector("#chart-params text.pt-label"))).extracting(WebElement::getText)
                .contains("resnetv2_152x4_bitm");
        assertThat(browser.findElements(By.cssSelector("#chart-speed circle.cpu"))).hasSize(2);
        // one colour, one meaning: the CPU's points are not the blue of "measured", and each chart keys only
        // what it draws
        assertThat(browser.findElement(By.cssSelector("#chart-speed circle.cpu")).getCssValue("fill"))
                .isNotEqualTo(browser.findElement(By.cssSelector("#chart-params circle.measured")).getCssValue("fill"));
        assertThat(browser.findElements(By.cssSelector(".legend .key.gpu"))).isEmpty();
        // the chart grows with the screen (no 760 px cap)
        assertThat(browser.findElement(By.id("chart-params")).getRect().getWidth()).isGreaterThan(900);
        shot("chart");

        // wide screens: the whole table is visible, nothing hidden behind a scrollbar
        for (int width : new int[]{1400, 1920}) {
            browser.manage().window().setSize(new Dimension(width, 1000));
            browser.get(base + "/");
            Object overflow = browser.executeScript("var w = document.querySelector('.table-wrap');"
                    + "return w.scrollWidth - w.clientWidth;");
            assertThat(((Number) overflow).intValue()).as("horizontal overflow at %d px", width).isLessThanOrEqualTo(0);
            // short headers stay on one line: "Δ top-1" as high as "Model"
            assertThat(header("diff1").getSize().getHeight()).as("Δ top-1 at %d px", width)
                    .isEqualTo(header("model").getSize().getHeight());
            shot("results-" + width);
        }
        // default order: measured (else claimed) top-1, best first
        assertThat(visibleRows().get(0).findElement(By.cssSelector("td")).getText()).isEqualTo("resnetv2_152x4_bitm");

        browser.manage().window().setSize(new Dimension(390, 844));   // a phone
        browser.get(base + "/");
        assertThat(visibleRows()).hasSize(6);
        // the model and its top-1, claimed, measured and apart, without scrolling sideways
        long viewport = ((Number) browser.executeScript("return document.documentElement.clientWidth")).longValue();
        for (String key : List.of("model", "claimed1", "measured1", "diff1")) {
            org.openqa.selenium.Rectangle r = header(key).getRect();
            assertThat(r.getX() + r.getWidth()).as("%s at 390 px", key).isLessThanOrEqualTo((int) viewport);
        }
        assertThat(header("collection").isDisplayed()).isFalse();
        shot("results-phone");
        browser.findElement(By.id("all-columns")).click();
        assertThat(header("collection").isDisplayed()).isTrue();
        shot("results-phone-all-columns");

        // dark mode follows the system's choice
        browser.manage().window().setSize(new Dimension(1400, 1000));
        browser.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features", List.of(
                java.util.Map.of("name", "prefers-color-scheme", "value", "dark"))));
        browser.get(base + "/");
        assertThat(browser.findElement(By.tagName("html")).getCssValue("background-color"))
                .isEqualTo("rgba(18, 24, 33, 1)");
        shot("results-dark");
        browser.get(base + "/chart");
        shot("chart-dark");
        browser.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features", List.of(
                java.util.Map.of("name", "prefers-color-scheme", "value", "light"))));
    }

    private WebElement header(String key) {
        return browser.findElement(By.cssSelector("#results th[data-key='" + key + "']"));
    }

    /**
     * Two evaluations of the tiny network (another process, the same database) on the same images with two recipes:
     * the run page's worst classes and reliability diagram, then the compare page reached from its form.
     */
    @Test
    void runPageAndCompareImageByImage() throws Exception {
        try (TinyBit tiny = new TinyBit()) {
            Path data = dev.zoo.evaluator.TinyImages.classFolders(tmp.resolve("data"), 10, 3);
            for (String std : new String[] {"0.5", "0.8"}) {
                Path cat = tiny.catalog(tmp.resolve("tiny-" + std + ".yml"), std);
                ZooProcess.Result eval = new ZooProcess(tmp.resolve("home")).run("eval", "-q", "--catalog",
                        cat.toString(), "bit_tiny", "--data", data.toString(), "--batch", "4");
                assertThat(eval.exit()).as(eval.toString()).isZero();
            }
        }
        browser.get(base + "/runs/1");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Run #1");
        assertThat(browser.getPageSource()).contains("Worst classes", "Expected calibration error");
        assertThat(browser.findElements(By.cssSelector("svg.reliability rect.bar"))).isNotEmpty();
        shot("run-page");

        browser.findElement(By.name("b")).sendKeys("2");
        browser.findElement(By.cssSelector("form[action='/compare'] button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/compare"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Run #1 (A) against #2 (B)");
        List<WebElement> cells = browser.findElements(By.cssSelector("section table tbody td.num"));
        int top1Total = cells.subList(0, 4).stream().mapToInt(c -> Integer.parseInt(c.getText())).sum();
        assertThat(top1Total).isEqualTo(30);
        assertThat(browser.getPageSource()).contains("McNemar p");
        shot("compare");
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.navigate().refresh();
        shot("compare-phone");
    }

    /**
     * timm's published numbers for two BiT-M models on every set, uploaded as complete runs: the card's robustness
     * table (at desktop and phone width) and the zoo's page for ImageNet-A.
     */
    @Test
    void robustnessOnTheCardAndTheZoosPage() throws Exception {
        String[][] published = {   // model, ImageNet, ReaL, A clean, R clean; then V2, Sketch, A, R (top-1, top-5)
                {"resnetv2_50x1_bitm", "80.386", "95.694", "86.464", "97.613", "95.03", "99.06", "94.76", "99.18",
                        "67.89", "89.1", "25.355", "45.361", "27.12", "62.613", "39.397", "57.883"},
                {"resnetv2_101x1_bitm", "82.332", "96.524", "87.678", "97.946", "96.1", "99.28", "95.33", "99.38",
                        "70.7", "90.96", "29.914", "51.105", "38.28", "70.253", "44.1", "62.05"}};
        for (String[] p : published) {
            double[] v = java.util.Arrays.stream(p, 1, p.length).mapToDouble(Double::parseDouble).toArray();
            upload(p[0], "ImageNet", 50000, String.join(",", results("ImageNet", v[0], v[1]),
                    results("ImageNet-ReaL", v[2], v[3]), results("ImageNet-A clean", v[4], v[5]),
                    results("ImageNet-R clean", v[6], v[7])));
            upload(p[0], "ImageNetV2 matched-frequency", 10000, results("ImageNetV2 matched-frequency", v[8], v[9]));
            upload(p[0], "ImageNet-Sketch", 50889, results("ImageNet-Sketch", v[10], v[11]));
            upload(p[0], "ImageNet-A", 7500, results("ImageNet-A", v[12], v[13]));
            upload(p[0], "ImageNet-R", 30000, results("ImageNet-R", v[14], v[15]));
        }
        browser.get(base + "/models/resnetv2_50x1_bitm");
        WebElement section = browser.findElement(By.id("robustness"));
        List<WebElement> rows = section.findElements(By.cssSelector("tbody tr"));
        assertThat(rows).extracting(r -> r.findElement(By.cssSelector("td")).getText()).containsExactly("ImageNet",
                "ImageNet-ReaL", "ImageNetV2 matched-frequency", "ImageNet-Sketch", "ImageNet-A clean", "ImageNet-A",
                "ImageNet-R clean", "ImageNet-R");
        // ImageNet-A: 27.12 - 95.03 on top-1 (timm publishes -67.910), second of two on both
        List<WebElement> a = rows.get(5).findElements(By.cssSelector("td"));
        assertThat(a.get(2).getText()).startsWith("27.12 ±");
        assertThat(a.get(4).getText()).isEqualTo("-67.91");
        assertThat(a.get(6).getText()).isEqualTo("2 of 2 (0)");
        assertThat(a.get(7).getText()).isEqualTo("ImageNet-A clean (the ImageNet-1k validation images of its 200 "
                + "classes)");
        // Sketch from clean ImageNet: 25.355 - 80.386 (timm: -55.031)
        assertThat(rows.get(3).findElements(By.cssSelector("td")).get(4).getText()).isEqualTo("-55.03");
        browser.executeScript("arguments[0].scrollIntoView()", section);
        shot("model-card-robustness");
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.navigate().refresh();
        browser.executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id("robustness")));
        shot("model-card-robustness-phone");

        browser.manage().window().setSize(new Dimension(1280, 900));
        WebElement setLink = browser.findElement(By.id("robustness")).findElement(By.linkText("ImageNet-A"));
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", setLink);
        setLink.click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/robustness"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Robustness: ImageNet-A");
        assertThat(browser.findElements(By.cssSelector("#robustness tbody tr")))
                .extracting(r -> r.findElement(By.cssSelector("td")).getText())
                .containsExactly("resnetv2_101x1_bitm", "resnetv2_50x1_bitm");
        shot("robustness-page");
    }

    /** Runs on two different folders: each keeps its own row with its path and size, neither hides the other. */
    @Test
    void eachFolderKeepsItsOwnRow() throws Exception {
        uploadFolder("resnetv2_50x1_bitm", "/data/fifty", 50, '1', 62.0);
        uploadFolder("resnetv2_50x1_bitm", "/data/four", 4, '2', 75.0);   // newer and smaller: hides nothing
        browser.get(base + "/?dataset=Folder");
        List<String> scopes = visibleRows().stream().map(r -> r.findElement(By.cssSelector("td.other")).getText())
                .toList();
        assertThat(scopes).hasSize(2);
        assertThat(scopes).anySatisfy(t -> assertThat(t).contains("a folder of 50 images, complete in /data/fifty"))
                .anySatisfy(t -> assertThat(t).contains("a folder of 4 images, complete in /data/four"));
        // a folder's number describes that folder only: never in the Measured top-1 column (the fifth)
        assertThat(visibleRows()).allSatisfy(r -> assertThat(r.findElements(By.cssSelector("td")).get(4).getText())
                .as("measured top-1").isIn("", "—"));
        shot("folders");
    }
}
