package org.voicequeue.worker.synthesis.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Models found on disk, one per {@code model.json}: {@code <dir>/installed/*} (real weights the user installed)
 * first, then {@code <dir>/fixtures/*-tiny}, then any {@code <dir>/*} holding a manifest. The first manifest of an
 * id wins, so an installed checkpoint shadows the tiny fixture of the same family.
 */
final class ModelRegistry {
    private static final Logger log = LoggerFactory.getLogger(ModelRegistry.class);

    private final Map<String, ModelManifest> models;

    private ModelRegistry(Map<String, ModelManifest> models) {
        this.models = Map.copyOf(models);
    }

    static ModelRegistry scan(Path modelsDir) {
        Map<String, ModelManifest> found = new LinkedHashMap<>();
        for (Path manifest : manifests(modelsDir)) {
            try {
                ModelManifest m = ModelManifest.read(manifest);
                if (found.putIfAbsent(m.id(), m) == null) {
                    log.info("model {} ({} weights) from {}", m.id(), m.weights(), m.dir());
                }
            } catch (IOException | RuntimeException e) {
                log.warn("ignoring unreadable model manifest {}: {}", manifest, e.getMessage());
            }
        }
        if (found.isEmpty()) {
            log.warn("no models under {}", modelsDir.toAbsolutePath());
        }
        return new ModelRegistry(found);
    }

    private static List<Path> manifests(Path root) {
        List<Path> out = new ArrayList<>();
        addChildren(root.resolve("installed"), "", out);
        addChildren(root.resolve("fixtures"), "-tiny", out);
        addChildren(root, "", out);
        return out;
    }

    private static void addChildren(Path parent, String suffix, List<Path> out) {
        if (!Files.isDirectory(parent)) {
            return;
        }
        try (Stream<Path> children = Files.list(parent)) {
            children.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .map(p -> p.resolve("model.json"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .forEach(out::add);
        } catch (IOException e) {
            log.warn("cannot list {}: {}", parent, e.getMessage());
        }
    }

    Optional<ModelManifest> find(String id) {
        return Optional.ofNullable(models.get(id));
    }

    boolean isEmpty() {
        return models.isEmpty();
    }

    List<ModelManifest> all() {
        return List.copyOf(models.values());
    }
}
