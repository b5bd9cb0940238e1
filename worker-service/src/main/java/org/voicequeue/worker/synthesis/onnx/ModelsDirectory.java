package org.voicequeue.worker.synthesis.onnx;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's {@code models/} folder when {@code voicequeue.models.dir} is not set. */
final class ModelsDirectory {
    private ModelsDirectory() {}

    static Path defaultDir() {
        String root = System.getProperty("voicequeue.repo.root");
        if (root != null) {
            return Path.of(root, "models");
        }
        // from the module directory (tests, exec:java) or the repository root (a jar started there)
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("models")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir.resolve("models");
            }
        }
        return Path.of("models");
    }
}
