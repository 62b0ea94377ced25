package dev.outcrop.core.internal.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** file:// URLs resolve inside the user files directory only. */
final class UserFilesTest {

    @TempDir
    Path root;

    @Test
    void relativeAndAbsolutePathsInside_resolve_andEscapesAreRefused(@TempDir Path outside) throws IOException {
        Path inside = Files.writeString(Files.createDirectories(root.resolve("d")).resolve("a b.csv"), "x");
        Files.writeString(outside.resolve("s.csv"), "x");
        Files.createSymbolicLink(root.resolve("escape.csv"), outside.resolve("s.csv"));
        UserFiles files = new UserFiles(root);

        assertThat(files.resolve("file://d/a b.csv")).isEqualTo(inside.toRealPath());
        assertThat(files.resolve("file://d/a%20b.csv")).isEqualTo(inside.toRealPath());
        assertThat(files.resolve("file://" + inside.toRealPath())).isEqualTo(inside.toRealPath());
        for (String escape : new String[] {"file://../x.csv", "file://d/../../x.csv", "file://d/%2E%2E/%2e%2e/x.csv",
                "file://" + outside.resolve("s.csv"), "file://escape.csv"}) {
            assertThatThrownBy(() -> files.resolve(escape)).as(escape).hasMessageContaining("inside the user files directory");
        }
        assertThatThrownBy(() -> new UserFiles(null).resolve("file://d/a b.csv")).hasMessageContaining("reading local files is off");
    }
}
