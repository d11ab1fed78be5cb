package dev.rrdvideo.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The module and package boundaries of docs/architecture.md, checked on the compiled main classes
 * of every module (the CLI's tests see them all). ArchUnit rather than {@code module-info.java}:
 * see docs/architecture.md for why.
 */
class ArchitectureTest {
  static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.rrdvideo");

  /** The library and tool modules, each a package tree dev.rrdvideo.NAME. */
  static final List<String> MODULES =
      List.of("format", "media", "convert", "inspect", "live", "cli");

  @Test
  void theClassesOfEveryModuleAreImported() {
    for (String m : MODULES) {
      org.assertj.core.api.Assertions.assertThat(
              CLASSES.stream().filter(c -> c.getPackageName().startsWith("dev.rrdvideo." + m)))
          .as(m)
          .isNotEmpty();
    }
  }

  /** format <- media <- {convert, inspect, live} <- cli, and nothing points back up or across. */
  @Test
  void modulesAreLayeredWithoutBackEdges() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("format")
        .definedBy("dev.rrdvideo.format..")
        .layer("media")
        .definedBy("dev.rrdvideo.media..")
        .layer("convert")
        .definedBy("dev.rrdvideo.convert..")
        .layer("inspect")
        .definedBy("dev.rrdvideo.inspect..")
        .layer("live")
        .definedBy("dev.rrdvideo.live..")
        .layer("cli")
        .definedBy("dev.rrdvideo.cli..")
        .whereLayer("cli")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("convert")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("inspect")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("live")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("media")
        .mayOnlyBeAccessedByLayers("convert", "inspect", "live", "cli")
        .whereLayer("format")
        .mayOnlyBeAccessedByLayers("media", "convert", "inspect", "live", "cli")
        .check(CLASSES);
  }

  /** No cycle between modules (dev.rrdvideo.NAME..), whatever modules exist. */
  @Test
  void noCyclesBetweenModules() {
    slices().matching("dev.rrdvideo.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  /**
   * No package cycles inside any module, format included. A package and its {@code internal}
   * subpackages count as one (the implementation of a package may use the package's own types).
   */
  @Test
  void noPackageCycles() {
    slices()
        .assignedFrom(API_PACKAGES)
        .should()
        .beFreeOfCycles()
        .allowEmptyShould(false)
        .check(CLASSES);
  }

  /**
   * Inside format, what is used everywhere depends on little: the exceptions on nothing of
   * rrdvideo; chunks on the exceptions only; the video data model (codecs, components, chunk views)
   * on chunks and exceptions, not on the readers and writer of the root package, which its readers
   * and writers ({@code format.video.io}) use.
   */
  @Test
  void formatsLowerPackagesDependOnlyOnWhatIsBelowThem() {
    noClasses()
        .that()
        .resideInAPackage("dev.rrdvideo.format.error..")
        .should()
        .dependOnClassesThat(
            JavaClass.Predicates.resideInAPackage("dev.rrdvideo..")
                .and(JavaClass.Predicates.resideOutsideOfPackage("dev.rrdvideo.format.error..")))
        .check(CLASSES);
    noClasses()
        .that()
        .resideInAPackage("dev.rrdvideo.format.chunk..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.rrdvideo.format", "dev.rrdvideo.format.internal..", "dev.rrdvideo.format.video..")
        .check(CLASSES);
    noClasses()
        .that()
        .resideInAPackage("dev.rrdvideo.format.video")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.rrdvideo.format", "dev.rrdvideo.format.internal..", "dev.rrdvideo.format.video.io")
        .check(CLASSES);
  }

  /** Another module never reaches into a module's {@code internal} packages. */
  @ParameterizedTest
  @ValueSource(strings = {"format", "media", "convert", "inspect", "live", "cli"})
  void internalPackagesAreUsedOnlyInsideTheirModule(String module) {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.rrdvideo." + module + "..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.rrdvideo." + module + "..internal..")
        .allowEmptyShould(true)
        .check(CLASSES);
  }

  /** RrdVerifier stands on the format's readers and views; none of them on it. */
  @Test
  void nothingElseInFormatDependsOnTheVerifier() {
    noClasses()
        .that()
        .resideInAPackage("dev.rrdvideo.format..")
        .and()
        .resideOutsideOfPackage("dev.rrdvideo.format.verify..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.rrdvideo.format.verify..")
        .check(CLASSES);
  }

  /** The renamed chunk message no longer shares its simple name with Arrow's ArrowMessage. */
  @Test
  void noPublicTypeSharesItsSimpleNameWithArrowsArrowMessage() {
    noClasses()
        .that()
        .resideInAPackage("dev.rrdvideo..")
        .should()
        .haveSimpleName("ArrowMessage")
        .check(CLASSES);
  }

  static final SliceAssignment API_PACKAGES =
      new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
          String p = c.getPackageName();
          if (!p.startsWith("dev.rrdvideo.")) {
            return SliceIdentifier.ignore();
          }
          int i = p.indexOf(".internal");
          return SliceIdentifier.of(i < 0 ? p : p.substring(0, i));
        }

        @Override
        public String getDescription() {
          return "the packages of every module (each with its internal packages)";
        }
      };
}
