package org.secflow.decision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;

/**
 * Builds one {@link KieContainer} from DRL files. Knows nothing about what the rules decide.
 */
public final class RulesLoader {

    /** One rule file: the name used in error messages (a path or file name) and its DRL text. */
    public record RuleFile(String name, String content) {

        /** Reads a DRL file (UTF-8); its name in error messages is the path. */
        public static RuleFile of(Path path) {
            try {
                return new RuleFile(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read rule file " + path, e);
            }
        }
    }

    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)");
    private static final String RESOURCES = "src/main/resources/";

    // Each build gets its own release id: KieRepository keeps modules by id, and a rebuild under the
    // same id would swap the module beneath containers built before.
    private static final AtomicInteger BUILDS = new AtomicInteger();

    private RulesLoader() {
    }

    /**
     * Builds a container holding every given file in one knowledge base.
     *
     * @throws RulesBuildException listing every error as {@code <file name> line <n>: <message>} when any
     *                             file does not build, or when there are no files
     */
    public static KieContainer load(List<RuleFile> files) {
        if (files.isEmpty()) {
            throw new RulesBuildException("No rule files to load");
        }
        KieServices kieServices = KieServices.Factory.get();
        ReleaseId releaseId = kieServices.newReleaseId("org.secflow", "secflow-rules", "1.0." + BUILDS.incrementAndGet());
        KieFileSystem kfs = kieServices.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);

        // The builder names files by their path in the KIE file system; keep the way back to the caller's names.
        Map<String, RuleErrorLocator.Source> sourcesByPath = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            RuleFile file = files.get(i);
            String packageName = packageOf(file.content());
            String path = resourcePath(i, file.name(), packageName);
            sourcesByPath.put(path, new RuleErrorLocator.Source(file.name(), packageName, file.content()));
            kfs.write(RESOURCES + path, asciiOnly(file.content()).getBytes(StandardCharsets.US_ASCII));
        }

        // drools-engine 10 ships only the executable-model compiler; plain buildAll() would fail.
        KieBuilder builder = kieServices.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            // A failed build must not stay in the repository beside the working ones.
            kieServices.getRepository().removeKieModule(releaseId);
            throw new RulesBuildException(new RuleErrorLocator(sourcesByPath).describe(errors));
        }
        KieContainer container = kieServices.newKieContainer(releaseId);
        // Create the knowledge base now: start-up pays for it, not the first incident, and concurrent
        // first calls do not race to create it.
        container.getKieBase();
        return container;
    }

    /**
     * Builds a container from every {@code *.drl} file below the directory (subdirectories included) and the
     * DRL generated from its {@code decision-tables.json}, if there is one.
     */
    public static KieContainer loadDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new RulesBuildException("Rule directory not found: " + directory.toAbsolutePath());
        }
        List<RuleFile> files;
        try (Stream<Path> paths = Files.walk(directory)) {
            files = paths
                    .filter(Files::isRegularFile)
                    .filter(path -> path.getFileName().toString().endsWith(".drl"))
                    .sorted()
                    .map(RuleFile::of)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list rule directory " + directory, e);
        }
        if (files.isEmpty()) {
            throw new RulesBuildException("No *.drl files below " + directory.toAbsolutePath());
        }
        Path tables = directory.resolve(RulesConfiguration.TABLES_FILE);
        DecisionTables decisionTables = Files.isRegularFile(tables) ? RulesConfiguration.readTables(RuleFile.of(tables).content()) : null;
        return load(new RuleSetDefinition(decisionTables, files).executableFiles());
    }

    /** Removes a container that is no longer used, and its module, from memory. */
    public static void dispose(KieContainer container) {
        ReleaseId releaseId = container.getReleaseId();
        container.dispose();
        if (releaseId != null) {
            KieServices.Factory.get().getRepository().removeKieModule(releaseId);
        }
    }

    /**
     * The DRL with every non-ASCII character written as a Java unicode escape. Drools' executable-model
     * code generation encodes the generated Java with the platform charset (String.getBytes()) and
     * compiles it as UTF-8: on a server whose JVM charset is not UTF-8 (LANG=C, zh_CN.GBK) every
     * Chinese value in a rule (特别重要, 较大 …) would be garbled and silently stop matching, or match the
     * wrong value. Escapes survive any charset and Java turns them back into the same strings. Lines
     * stay where they are, so error lines still point into the administrator's file.
     */
    static String asciiOnly(String drl) {
        StringBuilder ascii = new StringBuilder(drl.length());
        for (int i = 0; i < drl.length(); i++) {
            char c = drl.charAt(i);
            if (c < 0x80) {
                ascii.append(c);
            } else {
                ascii.append(String.format("\\u%04x", (int) c));
            }
        }
        return ascii.toString();
    }

    private static String packageOf(String drl) {
        Matcher matcher = PACKAGE.matcher(drl);
        return matcher.find() ? matcher.group(1) : "";
    }

    // Folder = package, or Drools warns about every file; the index keeps equal file names apart.
    private static String resourcePath(int index, String name, String packageName) {
        String baseName = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
                .replaceAll("[^A-Za-z0-9._-]", "_");
        if (!baseName.endsWith(".drl")) {
            baseName += ".drl";
        }
        String folder = packageName.isEmpty() ? "" : packageName.replace('.', '/') + "/";
        return folder + index + "-" + baseName;
    }
}
