package org.voicequeue.model.boundary;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class SharedModelBoundaryTests {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.voicequeue.model", "org.voicequeue.audio");

    @Test
    void sharedModelDependsOnNoInfrastructure() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "org.apache.kafka..",
                        "io.lettuce..",
                        "redis..",
                        "ai.onnxruntime..",
                        "io.minio..",
                        "org.voicequeue.api..",
                        "org.voicequeue.worker..")
                .check(classes);
    }
}
