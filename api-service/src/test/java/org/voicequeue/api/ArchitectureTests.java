package org.voicequeue.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTests {
    private static final JavaClasses API = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.voicequeue.api");

    @Test
    void onlyTheStoragePackageUsesTheMinioClient() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.voicequeue.api.storage..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.minio..")
                .check(API);
    }

    @Test
    void theApiServiceNeverUsesTheWorker() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.voicequeue.worker..")
                .check(API);
    }

    @Test
    void theImportedClassesAreTheApiService() {
        org.assertj.core.api.Assertions.assertThat(API.containPackage("org.voicequeue.api.storage"))
                .isTrue();
        org.assertj.core.api.Assertions.assertThat(API.containPackage("org.voicequeue.api.job"))
                .isTrue();
    }
}
