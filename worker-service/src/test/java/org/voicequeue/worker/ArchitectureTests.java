package org.voicequeue.worker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Import rules of STYLE.md, enforced on the production classes. */
class ArchitectureTests {
    private static final JavaClasses WORKER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.voicequeue.worker");

    @Test
    void onlyTheOnnxAdapterImportsOnnxRuntime() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..synthesis.onnx..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("ai.onnxruntime..")
                .check(WORKER);
    }

    @Test
    void onlyTheStoragePackageImportsTheMinioClient() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.voicequeue.worker.storage..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.minio..")
                .check(WORKER);
    }

    @Test
    void theWorkerNeverImportsTheApiService() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.voicequeue.api..")
                .check(WORKER);
    }

    @Test
    void theJobPipelineDependsOnThePortNotOnTheOnnxEngine() {
        noClasses()
                .that()
                .resideInAPackage("org.voicequeue.worker.job..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..synthesis.onnx..")
                .check(WORKER);
    }
}
