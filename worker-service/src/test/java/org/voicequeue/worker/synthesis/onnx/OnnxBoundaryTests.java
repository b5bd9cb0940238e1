package org.voicequeue.worker.synthesis.onnx;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class OnnxBoundaryTests {

    @Test
    void onlyTheOnnxAdapterImportsOnnxRuntime() {
        JavaClasses worker = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.voicequeue.worker");
        noClasses()
                .that()
                .resideOutsideOfPackage("org.voicequeue.worker.synthesis.onnx..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("ai.onnxruntime..")
                .check(worker);
    }
}
