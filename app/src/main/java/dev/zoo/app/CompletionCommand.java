package dev.zoo.app;

import dev.zoo.core.ShellWords;
import dev.zoo.metadata.Model;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "completion", description = {"Print a bash/zsh completion script: commands, options, their values "
        + "and the catalogue's model IDs (as loaded now; source it again after adding a catalogue).",
        "Use: source <(./zoo completion). It completes zoo, ./zoo and this launcher's full path."})
public class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CatalogOptions catalogOptions;

    @Inject
    ZooContext context;

    @Override
    public Integer call() {
        Completions.ModelIds.offer(catalogOptions.load(context).models().stream().map(Model::id).sorted().toList());
        PrintWriter out = spec.commandLine().getOut();
        String script = AutoComplete.bash("zoo", spec.root().commandLine());
        out.print(script);
        // the README runs ./zoo from the clone: complete that word, and the launcher's own path, too
        String launcher = System.getenv("ZOO_LAUNCHER");
        out.println("complete -F _complete_zoo -o default ./zoo" + (launcher == null || launcher.isBlank() ? ""
                : " " + ShellWords.quote(launcher)));
        out.flush();
        return ExitCode.OK;
    }
}
