package dev.outcrop.benchmarks.server;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * README's first command, timed as a user meets it: {@code java -jar vertx-server/target/outcrop-server.jar --demo}
 * started as a new process, then the wall time until its plain port first answers {@code SELECT 1}, until it first
 * answers the seed's statements (create the role location, then one AWS_BEDROCK_AI_QUERY through the emulator), and
 * the process's CPU seconds at that point. Beside it, in the same run, the floor: a JVM that starts, prints its CPU time
 * and exits (its wall time and CPU), so a busy machine shows in both.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.outcrop.benchmarks.server.DemoStartup [runs] [path/to/outcrop-server.jar]
 * </pre>
 */
public final class DemoStartup {

    private static final String LOCATION = "CREATE LOCATION IF NOT EXISTS bedrock_role WITH SOURCE = AMAZON_BEDROCK "
            + "CREDENTIALS = ( AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/BedrockAccess' )";
    private static final String SEED = "SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', "
            + "$${\"schemaVersion\":\"messages-v1\",\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hello\"}]}]}$$, "
            + "'bedrock_role') AS result";

    private DemoStartup() {
    }

    private record Run(double firstAnswerSeconds, double seedAnswerSeconds, double cpuSeconds) {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path jar = Path.of(args.length > 1 ? args[1] : "vertx-server/target/outcrop-server.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar.toAbsolutePath() + " does not exist: build it with README's first command, or pass its path");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        System.out.printf("-- load average before: %.2f; %d cores%n", loadAverage(), Runtime.getRuntime().availableProcessors());
        List<Run> demo = new ArrayList<>();
        List<Run> floor = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            floor.add(emptyJvm(java));
            demo.add(demo(java, jar));
            System.out.printf("run %d: first answer %.2f s, seed answered %.2f s, CPU %.2f s (an empty JVM: %.2f s, CPU %.2f s)%n",
                    i + 1, demo.get(i).firstAnswerSeconds(), demo.get(i).seedAnswerSeconds(), demo.get(i).cpuSeconds(),
                    floor.get(i).firstAnswerSeconds(), floor.get(i).cpuSeconds());
        }
        double firstAnswer = median(demo.stream().mapToDouble(Run::firstAnswerSeconds).toArray());
        double seed = median(demo.stream().mapToDouble(Run::seedAnswerSeconds).toArray());
        double cpu = median(demo.stream().mapToDouble(Run::cpuSeconds).toArray());
        double floorWall = median(floor.stream().mapToDouble(Run::firstAnswerSeconds).toArray());
        double floorCpu = median(floor.stream().mapToDouble(Run::cpuSeconds).toArray());
        System.out.printf("median of %d: first answer %.2f s (%.1fx an empty JVM), seed answered %.2f s, CPU %.2f s (%.1fx an empty JVM); load average after %.2f%n",
                runs, firstAnswer, firstAnswer / floorWall, seed, cpu, cpu / floorCpu, loadAverage());
    }

    private static Run demo(String java, Path jar) throws Exception {
        int port = freePort();
        long start = System.nanoTime();
        Process process = new ProcessBuilder(java, "-jar", jar.toString(), "--demo", "--port", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            URI uri = URI.create("http://127.0.0.1:" + port + "/?output_format=JSON_Compact");
            while (!answers(http, uri, "SELECT 1")) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the demo stopped with exit code " + process.exitValue() + " before it answered");
                }
                if (System.nanoTime() - start > Duration.ofMinutes(2).toNanos()) {
                    throw new IllegalStateException("the demo did not answer within 2 minutes");
                }
                Thread.sleep(20);
            }
            double firstAnswer = (System.nanoTime() - start) / 1e9;
            if (!answers(http, uri, LOCATION) || !answers(http, uri, SEED)) {
                throw new IllegalStateException("the demo did not answer the seed's statements");
            }
            double seed = (System.nanoTime() - start) / 1e9;
            double cpu = process.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
            return new Run(firstAnswer, seed, cpu);
        }
        finally {
            process.destroy();
            process.waitFor();
        }
    }

    /** A JVM that loads one class, prints its own CPU time and exits: what any Java program pays before its own code. */
    private static Run emptyJvm(String java) throws Exception {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(java, "-cp", ManagementFactory.getRuntimeMXBean().getClassPath(), Empty.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        process.waitFor();
        double wall = (System.nanoTime() - start) / 1e9;
        return new Run(wall, wall, Long.parseLong(output) / 1e9);
    }

    /** The floor's main class: prints its process's CPU nanoseconds. */
    public static final class Empty {
        public static void main(String[] args) {
            System.out.println(((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime());
        }
    }

    private static boolean answers(HttpClient http, URI uri, String sql) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(sql)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        }
        catch (IOException e) {
            return false;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
