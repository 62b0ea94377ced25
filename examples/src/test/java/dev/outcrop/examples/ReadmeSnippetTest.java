package dev.outcrop.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The root README's "Use it as a library" snippet compiles and runs exactly as written: the text between
 * {@code <!-- snippet:quickstart -->} and {@code <!-- /snippet:quickstart -->} is compiled with javac (warnings
 * are errors) against this module's test class path, which holds what the README's pom fragment names, and its
 * main runs against an in-process emulator, whose endpoint it reads from {@code outcrop.bedrock.endpoint}.
 */
final class ReadmeSnippetTest {

    private static final Path README = Path.of("..", "README.md");

    /** The fenced block of the given language between the snippet's markers. */
    static String snippet(String readme, String name, String language) {
        Matcher matcher = Pattern.compile("<!-- snippet:" + Pattern.quote(name) + " -->\\s*```" + language + "\\n(.*?)```\\s*<!-- /snippet:"
                + Pattern.quote(name) + " -->", Pattern.DOTALL).matcher(readme);
        assertThat(matcher.find()).as("README.md has a ```%s block between the markers of snippet %s", language, name).isTrue();
        return matcher.group(1);
    }

    @Test
    void quickstart_compilesWithoutWarnings_andPrintsTheModelsAnswer(@TempDir Path work) throws Exception {
        String source = snippet(Files.readString(README), "quickstart", "java");
        Matcher className = Pattern.compile("public class (\\w+)").matcher(source);
        assertThat(className.find()).as("the snippet declares a public class").isTrue();
        assertThat(source).as("the snippet is in the default package, as README tells one to save it").doesNotContain("package ");
        Path sourceFile = work.resolve("src").resolve(className.group(1) + ".java");
        Files.createDirectories(sourceFile.getParent());
        Files.writeString(sourceFile, source);
        Path classes = Files.createDirectories(work.resolve("classes"));

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        boolean compiled = javac.getTask(diagnostics, null, null,
                List.of("--release", "17", "-Xlint:all", "-Werror", "-classpath", classPath, "-d", classes.toString()),
                null, javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(sourceFile.toFile())).call();
        assertThat(compiled).as("javac says:%n%s", diagnostics).isTrue();

        String printed;
        String previous = System.getProperty("outcrop.bedrock.endpoint");
        try (BedrockEmulator emulator = BedrockEmulator.start(EmulatorConfig.defaults().toBuilder().port(0).build());
             URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            System.setProperty("outcrop.bedrock.endpoint", emulator.endpoint().toString());
            Method main = loader.loadClass(className.group(1)).getMethod("main", String[].class);
            printed = ExamplesRunTest.run(() -> main.invoke(null, (Object) new String[0]));
            assertThat(emulator.calls("AssumeRole")).as("the trust role, then the location's role").hasSize(2)
                    .allSatisfy(call -> assertThat(call.status()).isEqualTo(200));
        }
        finally {
            if (previous == null) {
                System.clearProperty("outcrop.bedrock.endpoint");
            }
            else {
                System.setProperty("outcrop.bedrock.endpoint", previous);
            }
        }

        assertThat(printed).startsWith("{\"output\":{\"message\":{\"content\":[{\"text\":\"Echo: Hello\"}]").contains("Echo: Hello");
    }

    @Test
    void quickstartPom_isAWholePom_withJava17TheBomAndAnSlf4jBinding() throws Exception {
        String pomText = snippet(Files.readString(README), "quickstart-pom", "xml");
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(pomText.getBytes(StandardCharsets.UTF_8)));

        assertThat(pom.getDocumentElement().getTagName()).isEqualTo("project");
        assertThat(pom.getElementsByTagName("modelVersion").item(0).getTextContent()).isEqualTo("4.0.0");
        assertThat(pom.getElementsByTagName("maven.compiler.release").item(0).getTextContent()).isEqualTo("17");
        assertThat(pomText).as("a compiler plugin that reads maven.compiler.release (Maven 3.8's default, 3.1, does not)")
                .containsPattern("<artifactId>maven-compiler-plugin</artifactId>\\s*<version>3\\.(1[0-9]|[6-9])\\.");
        assertThat(pomText).contains("<artifactId>outcrop-bom</artifactId>").contains("<scope>import</scope>")
                .contains("<artifactId>outcrop-core</artifactId>").contains("<artifactId>outcrop-sql-parser</artifactId>")
                .contains("<artifactId>outcrop-bedrock-client</artifactId>")
                .contains("<groupId>org.slf4j</groupId><artifactId>slf4j-simple</artifactId><scope>runtime</scope>");
    }
}
